package io.github.capacity.metrics.graphite;

import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.Problem;
import io.github.capacity.api.Result;
import io.github.capacity.api.Trip;
import io.github.capacity.metrics.Aggregator;
import io.github.capacity.metrics.Packer;
import io.github.capacity.metrics.Pipeline;
import io.github.capacity.metrics.Summary;
import io.github.capacity.metrics.Transport;
import io.github.capacity.metrics.spool.Spool;

/**
 * Aggregates results per wall-clock interval and test, and sends each ended interval as a batch
 * of plaintext lines stamped with the interval's start. A batch resent after a broken connection
 * repeats the same name and timestamp, which Graphite stores once; so does a batch sent from the
 * spool, however late. Sender thread only.
 */
final class GraphitePipeline extends Pipeline {
  private final GraphiteFormat format;
  private final Aggregator aggregator;
  private final Packer packer;

  GraphitePipeline(Transport transport, GraphiteFormat format, Aggregator aggregator, int batchBytes,
      Spool spool) {
    super(transport, spool);
    this.format = format;
    this.aggregator = aggregator;
    this.packer = new Packer(batchBytes, true);
  }

  @Override
  public void take(Object event, long wallMillis) {
    if (event instanceof Result result) {
      aggregator.add(result);
    } else if (event instanceof MinuteAccount account) {
      format.account(account).forEach(packer::add);
    } else if (event instanceof Problem problem) {
      packer.add(format.problem(problem));
    } else if (event instanceof Trip trip) {
      format.trip(trip).forEach(packer::add);
    }
  }

  @Override
  public long heldEvents() {
    return aggregator.heldResults();
  }

  @Override
  public void collect(long wallMillis, boolean all, long newlyDropped) {
    for (Aggregator.Interval interval : aggregator.takeDue(wallMillis, all)) {
      long seconds = interval.startMillis() / 1000;
      for (Summary summary : interval.summaries()) {
        format.summary(summary, seconds).forEach(packer::add);
      }
    }
    if (newlyDropped > 0) {
      packer.add(format.dropped(newlyDropped, Math.floorDiv(wallMillis, 1000)));
    }
    enqueue(packer.drain());
  }

  /** A datapoint per line. */
  @Override
  protected int datapoints(byte[] payload) {
    int lines = 0;
    for (byte b : payload) {
      if (b == '\n') {
        lines++;
      }
    }
    return lines;
  }
}
