package io.github.capacity.core;

import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.Result;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * One test's results over a whole run, whatever minutes it spans: latencies (from the planned
 * start, of executions that ran to an outcome) and failures by error class. Completion threads
 * record; the scheduler reads once the run is over. Memory is fixed: a histogram of three
 * significant digits up to an hour, and one counter per error class the test reports.
 */
final class RunTotals {
  private static final long MAX_LATENCY_NANOS = 3_600_000_000_000L;

  private final String testName;
  private final Histogram latencies = new ConcurrentHistogram(MAX_LATENCY_NANOS, 3);
  private final Map<ErrorClass, LongAdder> errors = new ConcurrentHashMap<>();

  RunTotals(String testName) {
    this.testName = testName;
  }

  void record(Result result) {
    if (!result.outcome().ok()) {
      errors.computeIfAbsent(result.outcome().errorClass(), e -> new LongAdder()).increment();
      if (result.outcome().isDropped() || ErrorClass.CANCELLED.equals(result.outcome().errorClass())) {
        return; // no latency: it never ran, or was cut short by the engine
      }
    }
    latencies.recordValue(Math.min(Math.max(0, result.latencyNanos()), MAX_LATENCY_NANOS));
  }

  /** The summary of this test, with its counts added up from the run's minute accounts. */
  TestSummary summary(List<MinuteAccount> accounts) {
    long planned = 0;
    long started = 0;
    long ok = 0;
    long failed = 0;
    long dropped = 0;
    long cancelled = 0;
    long skipped = 0;
    for (MinuteAccount a : accounts) {
      if (a.testName().equals(testName)) {
        planned += a.planned();
        started += a.started();
        ok += a.ok();
        failed += a.failed();
        dropped += a.dropped();
        cancelled += a.cancelled();
        skipped += a.skipped();
      }
    }
    Map<String, Long> byClass = new TreeMap<>();
    errors.forEach((errorClass, count) -> byClass.put(errorClass.word(), count.sum()));
    Histogram h = latencies.copy();
    boolean any = h.getTotalCount() > 0;
    return new TestSummary(testName, planned, started, ok, failed, dropped, cancelled, skipped,
        byClass, any ? millis(h.getValueAtPercentile(50)) : 0,
        any ? millis(h.getValueAtPercentile(90)) : 0, any ? millis(h.getValueAtPercentile(99)) : 0,
        any ? millis(h.getMaxValue()) : 0);
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }
}
