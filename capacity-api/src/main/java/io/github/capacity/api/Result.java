package io.github.capacity.api;

import java.util.Objects;

/**
 * One execution as the engine saw it, handed to every {@link MetricsSink}. Times are wall-clock
 * nanoseconds since the Unix epoch, all derived from one monotonic clock anchored once per run, so
 * differences between them are exact.
 *
 * <p>The latency from the planned time ({@link #latencyNanos()}) is the honest one: it includes
 * any delay in starting the execution, so a stalled generator cannot hide a slow target
 * (coordinated omission). {@link #serviceNanos()} is the latency from the actual start.
 *
 * @param testName the configuration line's {@code test_name}
 * @param testType the configuration line's {@code test_type}: the name of the test in
 *     {@code tests.json}
 * @param host the host this instance runs on
 * @param plannedEpochNanos when the pacer planned the execution to start
 * @param startEpochNanos when it started; equal to {@code endEpochNanos} for a dropped execution
 * @param endEpochNanos when its outcome arrived
 * @param outcome what it came to
 */
public record Result(
    String testName,
    String testType,
    String host,
    long plannedEpochNanos,
    long startEpochNanos,
    long endEpochNanos,
    Outcome outcome) {

  public Result {
    Objects.requireNonNull(testName, "testName");
    Objects.requireNonNull(testType, "testType");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(outcome, "outcome");
  }

  /** Nanoseconds from the planned start to the outcome: corrected for coordinated omission. */
  public long latencyNanos() {
    return endEpochNanos - plannedEpochNanos;
  }

  /** Nanoseconds from the actual start to the outcome. */
  public long serviceNanos() {
    return endEpochNanos - startEpochNanos;
  }

  /** Nanoseconds from the planned start to the actual start: the generator's own lag. */
  public long startLagNanos() {
    return startEpochNanos - plannedEpochNanos;
  }
}
