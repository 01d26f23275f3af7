package io.github.capacity.core;

import java.util.Map;

/**
 * One test's totals over a whole {@link CapacityEngine#runUntil run}, however many minutes it
 * spans: the sums of its minute accounts, its failures by error class and its latency
 * percentiles. Immutable.
 *
 * @param testName the configuration line's {@code test_name}
 * @param planned executions planned (started, dropped and skipped)
 * @param started executions started
 * @param ok executions that met their expectations
 * @param failed executions that failed (not counting cancelled ones)
 * @param dropped executions not started because {@code maxInFlight} were running
 * @param cancelled executions the engine cancelled (stop, removed line, drain time over)
 * @param skipped executions the window could not fit
 * @param errorsByClass each error class's word and how many results carried it, including {@code
 *     dropped} and {@code cancelled}; sorted by word
 * @param p50Millis median latency from the planned start, in milliseconds, of executions that
 *     ran to an outcome; {@code 0} when none did
 * @param p90Millis the 90th percentile, likewise
 * @param p99Millis the 99th percentile, likewise
 * @param maxMillis the highest, likewise
 */
public record TestSummary(String testName, long planned, long started, long ok, long failed,
    long dropped, long cancelled, long skipped, Map<String, Long> errorsByClass, double p50Millis,
    double p90Millis, double p99Millis, double maxMillis) {
  public TestSummary {
    errorsByClass = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(errorsByClass));
  }
}
