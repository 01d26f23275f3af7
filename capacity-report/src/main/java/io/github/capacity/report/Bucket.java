package io.github.capacity.report;

import java.util.Arrays;
import org.HdrHistogram.IntCountsHistogram;

/**
 * What one test did in one bucket of the {@link Timeline}. Executions are filed by the moment
 * that matters for each figure: requested ({@code planned}), dropped and the latencies by the
 * planned start, {@code started} by the actual start, outcomes and error classes by the end.
 * Latencies are microseconds in histograms of two significant digits (1 %), enough for a line on
 * a chart and small enough to keep one per test and bucket. Not thread safe.
 */
final class Bucket {
  static final int DIGITS = 2;

  long planned;
  long started;
  long ok;
  long failed;
  long dropped;
  long cancelled;
  /**
   * The minute accounts' skipped executions, spread evenly over their minute: an account does
   * not say when in the minute they were due (before a late start, or after a run that could not
   * catch up), so they are shown as the minute's average and kept out of {@link #planned}.
   */
  double skipped;
  IntCountsHistogram latency;
  IntCountsHistogram service;
  /** By error-class id ({@link Names}). */
  long[] errors = new long[0];
  /** By host id ({@link Names}). */
  long[] startedByHost = new long[0];

  void recordLatency(long latencyMicros, long serviceMicros) {
    if (latency == null) {
      latency = new IntCountsHistogram(DIGITS);
      service = new IntCountsHistogram(DIGITS);
    }
    latency.recordValue(latencyMicros);
    service.recordValue(serviceMicros);
  }

  void error(int classId) {
    errors = grow(errors, classId);
    errors[classId]++;
  }

  void started(int hostId) {
    started++;
    startedByHost = grow(startedByHost, hostId);
    startedByHost[hostId]++;
  }

  /** Adds {@code other} into this bucket. */
  void add(Bucket other) {
    planned += other.planned;
    started += other.started;
    ok += other.ok;
    failed += other.failed;
    dropped += other.dropped;
    cancelled += other.cancelled;
    skipped += other.skipped;
    if (other.latency != null) {
      if (latency == null) {
        latency = new IntCountsHistogram(DIGITS);
        service = new IntCountsHistogram(DIGITS);
      }
      latency.add(other.latency);
      service.add(other.service);
    }
    errors = addAll(errors, other.errors);
    startedByHost = addAll(startedByHost, other.startedByHost);
  }

  long errors(int classId) {
    return classId < errors.length ? errors[classId] : 0;
  }

  long startedBy(int hostId) {
    return hostId < startedByHost.length ? startedByHost[hostId] : 0;
  }

  private static long[] grow(long[] counts, int id) {
    return id < counts.length ? counts : Arrays.copyOf(counts, id + 1);
  }

  private static long[] addAll(long[] into, long[] from) {
    long[] sum = from.length > into.length ? Arrays.copyOf(into, from.length) : into;
    for (int i = 0; i < from.length; i++) {
      sum[i] += from[i];
    }
    return sum;
  }
}
