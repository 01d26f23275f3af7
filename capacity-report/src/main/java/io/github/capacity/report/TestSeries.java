package io.github.capacity.report;

import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One test's figures (or the fleet's, all tests merged): its buckets on the {@link Timeline} and
 * its whole-run totals, with whole-run latencies in histograms of three significant digits
 * (0.1 %, HdrHistogram's usual precision) for the percentile plot and the summary table.
 * Not thread safe.
 */
final class TestSeries {
  final String name;
  final Map<Long, Bucket> buckets = new HashMap<>();
  final Bucket totals = new Bucket();
  final Histogram latency = new Histogram(3);
  final Histogram service = new Histogram(3);
  private long cachedIndex = Long.MIN_VALUE;
  private Bucket cached;

  TestSeries(String name) {
    this.name = name;
  }

  Bucket bucket(long index) {
    if (index != cachedIndex || cached == null) {
      cached = buckets.computeIfAbsent(index, i -> new Bucket());
      cachedIndex = index;
    }
    return cached;
  }

  /** The timeline grew {@code factor} times wider: merges each group of buckets into one. */
  void coarsen(int factor) {
    Map<Long, Bucket> merged = new HashMap<>();
    for (Map.Entry<Long, Bucket> entry : buckets.entrySet()) {
      Long wider = Math.floorDiv(entry.getKey(), (long) factor);
      Bucket into = merged.get(wider);
      if (into == null) {
        merged.put(wider, entry.getValue());
      } else {
        into.add(entry.getValue());
      }
    }
    buckets.clear();
    buckets.putAll(merged);
    cached = null;
  }

  /** Adds every figure of {@code other} (same timeline) into this series. */
  void add(TestSeries other) {
    other.buckets.forEach((index, bucket) -> bucket(index).add(bucket));
    totals.add(other.totals);
    latency.add(other.latency);
    service.add(other.service);
  }
}
