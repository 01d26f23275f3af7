package io.github.capacity.metrics.internal;

import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.Result;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds the results of one test in one window into counts and {@link LatencyStats}. Dropped
 * executions never ran, and cancelled ones were cut short: both are counted but kept out of the
 * latency figures. Not thread safe.
 */
public final class TestStats {
  private final String testName;
  private final LatencyStats latency = new LatencyStats();
  private final LatencyStats serviceTime = new LatencyStats();
  private final LatencyStats startLag = new LatencyStats();
  private final Map<String, Long> errors = new TreeMap<>();
  private long count;
  private long ok;
  private long failed;
  private long dropped;
  private long cancelled;

  public TestStats(String testName) {
    this.testName = testName;
  }

  /** Adds one result. */
  public void add(Result result) {
    Outcome outcome = result.outcome();
    count++;
    if (!outcome.ok()) {
      errors.merge(outcome.errorClass().word(), 1L, Long::sum);
    }
    if (outcome.isDropped()) {
      dropped++;
      return;
    }
    if (ErrorClass.CANCELLED.equals(outcome.errorClass())) {
      cancelled++;
      return;
    }
    if (outcome.ok()) {
      ok++;
    } else {
      failed++;
    }
    latency.record(result.latencyNanos());
    serviceTime.record(result.serviceNanos());
    startLag.record(result.startLagNanos());
  }

  /** The figures so far. */
  public Summary summary() {
    return new Summary(testName, count, ok, failed, dropped, cancelled, latency.summary(),
        serviceTime.summary(), startLag.summary(), Collections.unmodifiableSortedMap(new TreeMap<>(errors)));
  }
}
