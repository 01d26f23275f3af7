package io.github.capacity.metrics.internal;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;

/**
 * Latencies of one test in one window: percentiles from a packed HdrHistogram in microseconds (3
 * significant digits, up to one hour; longer values are clamped), exact min, max and mean kept on
 * the side. Not thread safe: owned by one sender thread.
 */
public final class LatencyStats {
  private static final long MAX_MICROS = TimeUnit.HOURS.toMicros(1);

  // Packed: a few hundred bytes for a handful of values instead of ~190 KB for a full array, so
  // thousands of tests per interval stay cheap.
  private final Histogram histogram = new PackedHistogram(MAX_MICROS, 3);
  private long minNanos = Long.MAX_VALUE;
  private long maxNanos = Long.MIN_VALUE;
  private long sumNanos;

  /** Adds one latency; negative values (a clock step) count as zero. */
  public void record(long nanos) {
    long value = Math.max(0, nanos);
    histogram.recordValue(Math.min(MAX_MICROS, value / 1_000));
    minNanos = Math.min(minNanos, value);
    maxNanos = Math.max(maxNanos, value);
    sumNanos += value;
  }

  /** The summary in milliseconds, or {@code null} when nothing was recorded. */
  public Summary.Latency summary() {
    long count = histogram.getTotalCount();
    if (count == 0) {
      return null;
    }
    return new Summary.Latency(
        Millis.ofNanos(minNanos),
        Millis.ofNanos(sumNanos / count),
        percentileMillis(50),
        percentileMillis(90),
        percentileMillis(99),
        Millis.ofNanos(maxNanos));
  }

  private double percentileMillis(double percentile) {
    // Report the middle of the value's bucket (off by at most half a bucket, 0.05 %), never
    // outside the exact min and max.
    long micros = histogram.medianEquivalentValue(histogram.getValueAtPercentile(percentile));
    double millis = Millis.ofNanos(micros * 1_000);
    return Math.max(Millis.ofNanos(minNanos), Math.min(millis, Millis.ofNanos(maxNanos)));
  }
}
