package spatialthinker.reward.service;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Marks a request whose client went away, or whose asynchronous context ended, so that queued work
 * for it can be skipped.
 */
public record ClientGone(AtomicBoolean gone) implements AsyncListener {

  @Override
  public void onComplete(AsyncEvent event) {
    gone.set(true);
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    gone.set(true);
  }

  @Override
  public void onError(AsyncEvent event) {
    gone.set(true);
  }

  @Override
  public void onStartAsync(AsyncEvent event) {}
}
