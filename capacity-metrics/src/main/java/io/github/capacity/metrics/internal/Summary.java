package io.github.capacity.metrics.internal;

import java.util.Map;

/**
 * What one test did in one window (a Graphite interval, a minute in the file).
 *
 * @param testName the test as configured (not yet sanitized)
 * @param count every result, dropped ones included
 * @param ok results that succeeded
 * @param failed results that failed, neither cancelled nor dropped
 * @param dropped executions that never started ({@code max_in_flight})
 * @param cancelled executions the engine cancelled
 * @param latency from the planned time, over ok and failed results; {@code null} when none
 * @param serviceTime from the actual start, same results; {@code null} when none
 * @param startLag planned to actual start, same results; {@code null} when none
 * @param errors counts by error class word, every non-ok result, sorted by word
 */
public record Summary(
    String testName,
    long count,
    long ok,
    long failed,
    long dropped,
    long cancelled,
    Latency latency,
    Latency serviceTime,
    Latency startLag,
    Map<String, Long> errors) {

  /** Latency figures in milliseconds. */
  public record Latency(double min, double mean, double p50, double p90, double p99, double max) {}
}
