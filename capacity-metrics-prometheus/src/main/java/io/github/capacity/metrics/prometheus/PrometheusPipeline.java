package io.github.capacity.metrics.prometheus;

import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.Problem;
import io.github.capacity.api.Result;
import io.github.capacity.metrics.Aggregator;
import io.github.capacity.metrics.Pipeline;
import io.github.capacity.metrics.Summary;
import io.github.capacity.metrics.spool.Spool;
import io.github.capacity.metrics.prometheus.prompb.TimeSeries;
import io.github.capacity.metrics.prometheus.prompb.WriteRequest;
import java.util.Arrays;
import java.util.List;

/**
 * Aggregates results per wall-clock interval and test, and sends each ended interval as one
 * remote-write request: the interval's latency gauges and every counter, all stamped with the
 * time they were made (strictly increasing, so a series never goes back in time within a run).
 * Prometheus refuses a sample older than the newest of its series, so this pipeline keeps its
 * requests in order: while its spool holds any, new requests queue behind them. Sender thread
 * only.
 */
final class PrometheusPipeline extends Pipeline {
  private final PrometheusFormat format;
  private final Aggregator aggregator;
  private final RemoteWriteTransport transport;
  private final SnappyCompressor snappy = new SnappyCompressor();
  private Series accounts;
  private boolean countersChanged;
  private long lastStampMillis = Long.MIN_VALUE;
  private long rejectedReported;

  PrometheusPipeline(RemoteWriteTransport transport, PrometheusFormat format, Aggregator aggregator, Spool spool) {
    super(transport, spool);
    this.transport = transport;
    this.format = format;
    this.aggregator = aggregator;
  }

  @Override
  public void take(Object event, long wallMillis) {
    if (event instanceof Result result) {
      aggregator.add(result);
    } else if (event instanceof MinuteAccount account) {
      if (accounts == null) {
        accounts = format.series(stamp(wallMillis));
      }
      format.account(account, accounts);
    } else if (event instanceof Problem problem) {
      format.problem(problem.testName(), problem.kind().word());
      countersChanged = true;
    }
  }

  @Override
  public void collect(long wallMillis, boolean all, long newlyDropped) {
    List<Aggregator.Interval> due = aggregator.takeDue(wallMillis, all);
    long rejected = transport.rejectedRequests();
    format.dropped(newlyDropped);
    format.rejected(rejected);
    countersChanged |= newlyDropped > 0 || rejected != rejectedReported;
    rejectedReported = rejected;
    if (due.isEmpty() && !countersChanged && accounts == null) {
      return;
    }
    Series series = accounts != null ? accounts : format.series(stamp(wallMillis));
    accounts = null;
    for (Aggregator.Interval interval : due) {
      for (Summary summary : interval.summaries()) {
        format.interval(summary, series);
      }
    }
    format.counters(series, spoolCounts());
    countersChanged = false;
    enqueue(List.of(compress(series.build())));
  }

  @Override
  protected boolean ordered() {
    return true;
  }

  /** The samples of a spooled request: read back from it, on the spooling path only. */
  @Override
  protected int datapoints(byte[] payload) {
    try {
      byte[] raw = new byte[SnappyDecompressor.getUncompressedLength(payload, 0)];
      new SnappyDecompressor().decompress(payload, 0, payload.length, raw, 0, raw.length);
      return WriteRequest.parseFrom(raw).getTimeseriesList().stream().mapToInt(TimeSeries::getSamplesCount).sum();
    } catch (Exception e) {
      return 1; // our own payload: cannot happen, and a count is no reason to lose it
    }
  }

  private byte[] compress(WriteRequest request) {
    byte[] raw = request.toByteArray();
    byte[] out = new byte[snappy.maxCompressedLength(raw.length)];
    int length = snappy.compress(raw, 0, raw.length, out, 0, out.length);
    return Arrays.copyOf(out, length);
  }

  private long stamp(long wallMillis) {
    lastStampMillis = Math.max(wallMillis, lastStampMillis == Long.MIN_VALUE ? wallMillis : lastStampMillis + 1);
    return lastStampMillis;
  }
}
