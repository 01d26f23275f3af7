package io.github.capacity.metrics;

import io.github.capacity.api.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a destination delivers: when it began failing, the last error, the back-off, and a log
 * of failures at most once a minute. Thread safe: written by the sender thread, read by anyone.
 */
final class DeliveryState {
  private static final Logger log = LoggerFactory.getLogger(DeliveryState.class);
  private static final long LOG_EVERY_MILLIS = 60_000;

  private final String name;
  private final TimeSource time;
  private volatile long failingSinceMillis = -1;
  private volatile String lastError;
  private int failures;
  private long nextAttemptNanos;
  private long lastLoggedMillis = Long.MIN_VALUE;

  DeliveryState(String name, TimeSource time) {
    this.name = name;
    this.time = time;
  }

  /** Whether the back-off allows an attempt now. Sender thread only. */
  boolean mayAttempt() {
    return failures == 0 || time.nanoTime() - nextAttemptNanos >= 0;
  }

  /** Allows the next attempt at once (a final attempt on close). Sender thread only. */
  void skipBackoff() {
    nextAttemptNanos = time.nanoTime();
  }

  synchronized void delivered(String endpoint) {
    if (failingSinceMillis >= 0) {
      log.info("metrics destination {} delivers to {} again after {} failed attempts",
          name, endpoint, failures);
    }
    failures = 0;
    failingSinceMillis = -1;
  }

  /** Records a failed attempt that began at {@code sinceMillis} and schedules the next one. */
  synchronized void failed(String endpoint, String error, long sinceMillis, long dropped) {
    failures++;
    nextAttemptNanos = time.nanoTime() + Backoff.delayNanos(failures);
    lastError = endpoint + ": " + error;
    if (failingSinceMillis < 0) {
      failingSinceMillis = sinceMillis;
    }
    long now = time.wallMillis();
    if (lastLoggedMillis == Long.MIN_VALUE || now - lastLoggedMillis >= LOG_EVERY_MILLIS) {
      lastLoggedMillis = now;
      log.warn("metrics destination {} cannot deliver to {} since {} ms ago: {} ({} results dropped so far)",
          name, endpoint, now - failingSinceMillis, error, dropped);
    }
  }

  long failingSinceMillis() {
    return failingSinceMillis;
  }

  String lastError() {
    return lastError;
  }
}
