package spatialthinker.eval.run;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import spatialthinker.clients.loopback.LoopbackChatServer;

/** Helpers for stand-in servers that answer synthetic items by their {@code [item N]} tag. */
final class FakeModel {

  private static final Pattern ITEM = Pattern.compile("\\[item (\\d+)]");

  private FakeModel() {}

  /** The item index a request asks about. */
  static int item(LoopbackChatServer.Request r) {
    Matcher m = ITEM.matcher(r.text());
    if (!m.find()) {
      throw new IllegalStateException("request names no item: " + r.text());
    }
    return Integer.parseInt(m.group(1));
  }

  /** A letter other than {@code letter} among the first {@code n}. */
  static String other(String letter, int n) {
    char c = (char) ('A' + ((letter.charAt(0) - 'A' + 1) % n));
    return String.valueOf(c);
  }
}
