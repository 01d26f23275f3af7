package io.github.capacity.metrics;

import io.github.capacity.api.MetricsSink.Health;
import io.github.capacity.api.TimeSource;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a destination delivers: the attempt in progress and how long it has been blocked, when
 * every attempt began failing, the last error, the back-off before the next attempt, and a
 * warning at most once a minute while failing. Thread safe: written by the sender thread, read by
 * anyone.
 */
final class DeliveryState {
  private static final Logger log = LoggerFactory.getLogger(DeliveryState.class);
  static final long LOG_EVERY_MILLIS = 60_000;

  private final String name;
  private final String endpoint;
  private final TimeSource time;
  private final long writeTimeoutNanos;
  private volatile boolean attempting;
  private volatile long attemptStartNanos;
  private volatile long attemptStartMillis;
  private volatile long failingSinceMillis = -1;
  private volatile String lastError;
  private int failures;
  private long nextAttemptNanos;
  private long lastLoggedMillis = Long.MIN_VALUE;

  DeliveryState(String name, String endpoint, TimeSource time, long writeTimeoutNanos) {
    this.name = name;
    this.endpoint = endpoint;
    this.time = time;
    this.writeTimeoutNanos = writeTimeoutNanos;
  }

  /** Whether the back-off allows an attempt now. Sender thread only. */
  boolean mayAttempt() {
    return failures == 0 || time.nanoTime() - nextAttemptNanos >= 0;
  }

  /** Allows the next attempt at once (a last one on close). Sender thread only. */
  void skipBackoff() {
    nextAttemptNanos = time.nanoTime();
  }

  /** Marks the start of an attempt. Sender thread only. */
  void attemptStarted() {
    attemptStartMillis = time.wallMillis();
    attemptStartNanos = time.nanoTime();
    attempting = true;
  }

  /** Whether an attempt is in progress. */
  boolean attempting() {
    return attempting;
  }

  /** Whether the attempt in progress has been blocked for longer than the write timeout. */
  boolean stalled() {
    return attempting && time.nanoTime() - attemptStartNanos > writeTimeoutNanos;
  }

  /** Ends the attempt as a success. Sender thread only. */
  synchronized void delivered() {
    attempting = false;
    if (failingSinceMillis >= 0) {
      log.info("metrics destination {} delivers to {} again after {} failed attempts", name, endpoint, failures);
    }
    failures = 0;
    failingSinceMillis = -1;
  }

  /**
   * Ends the attempt as a failure, schedules the next one and warns if the last warning is a
   * minute old. Sender thread only.
   *
   * @return whether it warned
   */
  synchronized boolean failed(IOException error, long dropped, long waiting) {
    String problem = stalled()
        ? "write blocked for longer than " + TimeUnit.NANOSECONDS.toMillis(writeTimeoutNanos) + " ms"
        : error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
    attempting = false;
    failures++;
    nextAttemptNanos = time.nanoTime() + Backoff.delayNanos(failures);
    lastError = endpoint + ": " + problem;
    if (failingSinceMillis < 0) {
      failingSinceMillis = attemptStartMillis;
    }
    long now = time.wallMillis();
    if (lastLoggedMillis != Long.MIN_VALUE && now - lastLoggedMillis < LOG_EVERY_MILLIS) {
      return false;
    }
    lastLoggedMillis = now;
    log.warn("metrics destination {} cannot deliver to {} for {} ms: {} ({} events dropped so far,"
        + " {} waiting to be sent)", name, endpoint, now - failingSinceMillis, problem, dropped, waiting);
    return true;
  }

  /** The state for the engine; an attempt blocked past the write timeout counts as failing. */
  Health health(long dropped) {
    long since = failingSinceMillis;
    String error = lastError;
    if (stalled()) {
      long started = attemptStartMillis;
      since = since < 0 ? started : Math.min(since, started);
      error = endpoint + ": write blocked for longer than " + TimeUnit.NANOSECONDS.toMillis(writeTimeoutNanos) + " ms";
    }
    return new Health(dropped, since, error);
  }
}
