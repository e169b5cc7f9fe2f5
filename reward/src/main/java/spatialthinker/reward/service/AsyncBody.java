package spatialthinker.reward.service;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads a request body without holding a thread while the client is slow (servlet non-blocking
 * reads): a connection that sends one byte every few seconds costs a buffer, not a worker. The
 * whole body must arrive within a deadline (else 408) and stay under a limit (else 413).
 */
public final class AsyncBody {

  private AsyncBody() {}

  /**
   * Starts reading; call only once asynchronous processing has started (inside Javalin's {@code
   * ctx.future}). The future fails with a {@link ClientFaultException} on a fault.
   */
  public static CompletableFuture<byte[]> read(
      HttpServletRequest req, long limit, Duration deadline, ScheduledExecutorService timer) {
    CompletableFuture<byte[]> body = new CompletableFuture<>();
    long declared = req.getContentLengthLong();
    if (declared > limit) {
      body.completeExceptionally(tooLarge(limit));
      return body;
    }
    ServletInputStream in;
    try {
      in = req.getInputStream();
    } catch (IOException e) {
      body.completeExceptionally(new ClientFaultException(400, "body: unreadable"));
      return body;
    }
    ScheduledFuture<?> timeout =
        timer.schedule(
            () ->
                body.completeExceptionally(
                    new ClientFaultException(
                        408,
                        "body: not received within "
                            + deadline.toMillis()
                            + " ms (the whole body must arrive within the read deadline)")),
            deadline.toMillis(),
            TimeUnit.MILLISECONDS);
    body.whenComplete((b, e) -> timeout.cancel(false));
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(declared > 0 ? (int) Math.min(declared, 1 << 20) : 8192);
    in.setReadListener(
        new ReadListener() {
          private final byte[] buf = new byte[16 * 1024];

          @Override
          public void onDataAvailable() throws IOException {
            while (!body.isDone() && in.isReady()) {
              int n = in.read(buf);
              if (n < 0) {
                return;
              }
              if (out.size() + (long) n > limit) {
                body.completeExceptionally(tooLarge(limit));
                return;
              }
              out.write(buf, 0, n);
            }
          }

          @Override
          public void onAllDataRead() {
            body.complete(out.toByteArray());
          }

          @Override
          public void onError(Throwable t) {
            String what =
                t instanceof java.util.concurrent.TimeoutException
                        || String.valueOf(t.getMessage()).contains("Idle timeout")
                    ? "body: the client stopped sending"
                    : "body: the connection ended before the body did";
            body.completeExceptionally(
                new ClientFaultException(what.contains("stopped") ? 408 : 400, what));
          }
        });
    return body;
  }

  private static ClientFaultException tooLarge(long limit) {
    return new ClientFaultException(413, "body: larger than the limit of " + limit + " bytes");
  }
}
