package io.github.capacity.metrics.statsd;

import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.Problem;
import io.github.capacity.api.Result;
import io.github.capacity.api.Trip;
import io.github.capacity.metrics.Packer;
import io.github.capacity.metrics.Pipeline;
import io.github.capacity.metrics.Transport;
import java.util.function.DoubleSupplier;

/**
 * Turns each execution into StatsD lines and packs them, newline-separated, into datagrams of at
 * most the packet size. With a sample rate below 1, an execution is sent with that probability
 * (all its lines or none). Sender thread only.
 */
final class StatsdPipeline extends Pipeline {
  private final StatsdFormat format;
  private final Packer packer;
  private final double sampleRate;
  private final DoubleSupplier random;

  StatsdPipeline(Transport transport, StatsdFormat format, int packetSize, double sampleRate, DoubleSupplier random) {
    super(transport);
    this.format = format;
    this.packer = new Packer(packetSize, false);
    this.sampleRate = sampleRate;
    this.random = random;
  }

  @Override
  public void take(Object event, long wallMillis) {
    if (event instanceof Result result) {
      if (sampleRate >= 1 || random.getAsDouble() < sampleRate) {
        format.execution(result).forEach(packer::add);
      }
    } else if (event instanceof MinuteAccount account) {
      format.account(account).forEach(packer::add);
    } else if (event instanceof Problem problem) {
      packer.add(format.problem(problem));
    } else if (event instanceof Trip trip) {
      format.trip(trip).forEach(packer::add);
    }
  }

  @Override
  public void collect(long wallMillis, boolean all, long newlyDropped) {
    if (newlyDropped > 0) {
      packer.add(format.dropped(newlyDropped));
    }
    enqueue(packer.drain());
  }
}
