package io.github.capacity.core;

import io.github.capacity.api.MetricsSink;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code metrics.required}: once a second, finds the running tests whose destination has failed
 * to deliver for longer than the setting allows, so that a service is never loaded blind.
 * Scheduler thread only.
 */
final class BlindWatch {
  private static final Logger log = LoggerFactory.getLogger(BlindWatch.class);
  private static final long CHECK_EVERY_NANOS = 1_000_000_000L;

  private final Duration after;
  private long nextCheckNanos;

  /** @param after how long a destination may fail before its tests stop; {@code null}: never */
  BlindWatch(Duration after) {
    this.after = after;
  }

  /**
   * Hands each test to stop to {@code stop}, once a second at most; returns when to look again.
   *
   * @param nowNanos the monotonic reading, for the pace of the checks
   * @param wallMillis the wall clock, which the sinks' health is stamped with
   */
  long check(long nowNanos, long wallMillis, TestRun[] runs, Consumer<TestRun> stop) {
    if (after == null || runs.length == 0) {
      return Long.MAX_VALUE;
    }
    if (nowNanos < nextCheckNanos) {
      return nextCheckNanos;
    }
    nextCheckNanos = nowNanos + CHECK_EVERY_NANOS;
    for (TestRun run : runs) {
      MetricsSink.Health health = run.sink().health();
      long failingMillis = wallMillis - health.failingSinceMillis();
      if (health.failing() && failingMillis > after.toMillis()) {
        log.error("{}: stopping test {}: its destination has failed to deliver for {} s and"
            + " metrics.required is true; last error: {}", run.line().where(),
            run.line().testName(), failingMillis / 1000, health.lastError());
        stop.accept(run);
      }
    }
    return nextCheckNanos;
  }
}
