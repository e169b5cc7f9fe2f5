package spatialthinker.reward.service;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;

/**
 * Counts rejected requests by status and logs one line for each, at most {@link #LINES_PER_SECOND}
 * lines a second (the rest are counted, and the next line says how many were not logged). No stack
 * traces: a rejected request is the client's fault.
 */
public final class Rejections {

  /** Log lines per second at most. */
  public static final int LINES_PER_SECOND = 20;

  private final Logger log;
  private final Map<Integer, LongAdder> counts = new ConcurrentHashMap<>();
  private final AtomicLong windowStart = new AtomicLong();
  private final AtomicLong linesInWindow = new AtomicLong();
  private final AtomicLong unlogged = new AtomicLong();
  private volatile String last = "";

  public Rejections(Logger log) {
    this.log = log;
  }

  /** Records one rejected request. */
  public void record(int status, String method, String path, String reason) {
    counts.computeIfAbsent(status, s -> new LongAdder()).increment();
    String line = status + " " + oneLine(method) + " " + oneLine(path) + ": " + oneLine(reason);
    last = line;
    long now = System.nanoTime() / 1_000_000_000L;
    long start = windowStart.get();
    if (start != now && windowStart.compareAndSet(start, now)) {
      linesInWindow.set(0);
    }
    if (linesInWindow.incrementAndGet() <= LINES_PER_SECOND) {
      long skipped = unlogged.getAndSet(0);
      if (skipped > 0) {
        log.info("rejected {} ({} more rejected requests not logged)", line, skipped);
      } else {
        log.info("rejected {}", line);
      }
    } else {
      unlogged.incrementAndGet();
    }
  }

  /** Rejected requests so far by status, in status order. */
  public Map<Integer, Long> counts() {
    Map<Integer, Long> out = new TreeMap<>();
    counts.forEach((status, n) -> out.put(status, n.sum()));
    return out;
  }

  /** The last rejection, {@code "<status> <method> <path>: <reason>"}, or empty. */
  public String last() {
    return last;
  }

  private static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(Math.min(s.length(), 200));
    for (int i = 0; i < s.length() && b.length() < 200; i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) ? ' ' : c);
    }
    return s.length() > 200 ? b + "…" : b.toString();
  }
}
