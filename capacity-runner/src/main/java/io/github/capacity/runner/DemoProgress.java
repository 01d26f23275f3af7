package io.github.capacity.runner;

import io.github.capacity.api.Result;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Counts the demo's results as they arrive, from any thread, and renders the progress line and
 * the latency columns of the summary. Latencies are from the planned start (coordinated
 * omission corrected), in milliseconds.
 */
final class DemoProgress implements Consumer<Result> {
  private final LongAdder executions = new LongAdder();
  private final LongAdder ok = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final Histogram latencyMicros = new ConcurrentHistogram(3);

  @Override
  public void accept(Result result) {
    if (result.outcome().isDropped()) {
      return; // never started: counted by the engine's account, not a latency
    }
    executions.increment();
    if (result.outcome().ok()) {
      ok.increment();
    } else {
      failed.increment();
    }
    latencyMicros.recordValue(Math.max(0, result.latencyNanos() / 1_000));
  }

  long executions() {
    return executions.sum();
  }

  long ok() {
    return ok.sum();
  }

  long failed() {
    return failed.sum();
  }

  /** {@code [  3s] executions 30  ok 30  failed 0  p50 4.2 ms  p99 8.1 ms}. */
  String line(long elapsedSeconds) {
    return String.format(Locale.ROOT, "[%3ds] executions %-5d ok %-5d failed %-4d p50 %s  p99 %s",
        elapsedSeconds, executions(), ok(), failed(), millis(50), millis(99));
  }

  /** The latency at {@code percentile}, as {@code 4.2 ms}, or {@code -} before any result. */
  String millis(double percentile) {
    if (latencyMicros.getTotalCount() == 0) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.1f ms", latencyMicros.getValueAtPercentile(percentile) / 1000.0);
  }

  String maxMillis() {
    return latencyMicros.getTotalCount() == 0
        ? "-"
        : String.format(Locale.ROOT, "%.1f ms", latencyMicros.getMaxValue() / 1000.0);
  }
}
