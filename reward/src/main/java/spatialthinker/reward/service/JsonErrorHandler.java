package spatialthinker.reward.service;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own error answers (a bad request line, a URI over 8 KiB: 414, headers over 8 KiB: 431, an
 * error raised before any handler ran) as {@code {"error": "..."}} instead of HTML, each counted as
 * a rejection.
 */
public final class JsonErrorHandler extends ErrorHandler {

  private final Rejections rejections;
  private final ErrorBody errorBody;

  /** Errors as {@code {"error": "<message>"}}. */
  public JsonErrorHandler(Rejections rejections) {
    this(rejections, (status, message) -> body(message));
  }

  /** Errors as {@code errorBody.write(status, message)} (JSON). */
  public JsonErrorHandler(Rejections rejections, ErrorBody errorBody) {
    this.rejections = rejections;
    this.errorBody = errorBody;
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    String message = describe(status, reason);
    rejections.record(status, "-", "-", message);
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return ByteBuffer.wrap(errorBody.write(status, message));
  }

  @Override
  public void handle(
      String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    int status = response.getStatus();
    Object reason = request.getAttribute("jakarta.servlet.error.message");
    String message = describe(status, reason == null ? null : reason.toString());
    if (status < 500) {
      rejections.record(status, request.getMethod(), request.getRequestURI(), message);
    }
    baseRequest.setHandled(true);
    response.setContentType("application/json");
    byte[] body = errorBody.write(status, message);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /** The error message for a status Jetty produced itself. */
  static String describe(int status, String reason) {
    return switch (status) {
      case 414 -> "request line: the URI is longer than the limit";
      case 431 -> "headers: larger than the limit";
      case 413 -> "body: larger than the limit";
      case 408 -> "body: not received in time";
      case 400 ->
          "request: malformed HTTP"
              + (reason == null || reason.isBlank() ? "" : " (" + oneLine(reason) + ")");
      default -> {
        String text = reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason;
        yield "request: " + oneLine(text);
      }
    };
  }

  /** How a server writes an error's JSON body. */
  @FunctionalInterface
  public interface ErrorBody {
    /** The UTF-8 JSON body for an error with this status and message. */
    byte[] write(int status, String message);
  }

  /** {@code {"error": "<message>"}} in UTF-8. */
  public static byte[] body(String message) {
    String escaped = new String(JsonStringEncoder.getInstance().quoteAsString(message));
    return ("{\"error\":\"" + escaped + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  private static String oneLine(String s) {
    String flat = s.replaceAll("\\s+", " ").strip();
    return flat.length() > 120 ? flat.substring(0, 120) + "…" : flat;
  }
}
