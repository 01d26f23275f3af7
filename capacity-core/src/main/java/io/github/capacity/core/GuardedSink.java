package io.github.capacity.core;

import io.github.capacity.api.MetricsSink;
import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.Problem;
import io.github.capacity.api.Result;
import io.github.capacity.api.TimeSource;
import io.github.capacity.api.Trip;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A destination's sink as the engine calls it: a sink that throws, returns nothing usable or
 * blocks a call longer than the block limit is disabled for the rest of the engine's life, named
 * once in the log with its jar and the call that failed, and from then on takes everything
 * without passing it on, counting it as dropped. Its {@link #health()} then says it is failing,
 * so that {@code metrics.required} stops the tests it serves; otherwise they go on unmeasured, as
 * with an unreachable metrics server.
 *
 * <p>Thread safe, as the sink it wraps.
 */
final class GuardedSink implements MetricsSink {
  private static final Logger log = LoggerFactory.getLogger(GuardedSink.class);

  private final MetricsSink sink;
  private final String name;
  private final TimeSource time;
  private final long blockLimitNanos;
  private final Consumer<String> onDisabled;
  private final LongAdder droppedSinceDisabled = new LongAdder();
  // Bound once, so that the hot path allocates nothing per call.
  private final Consumer<Result> record;
  private final Consumer<MinuteAccount> account;
  private final Consumer<Problem> problem;
  private final Consumer<Trip> trip;
  private volatile Health disabled;

  /** {@code onDisabled} hears why, once, to log it and keep it for the run's summary. */
  GuardedSink(MetricsSink sink, String name, TimeSource time, Duration blockLimit,
      Consumer<String> onDisabled) {
    this.sink = sink;
    this.onDisabled = onDisabled;
    this.record = sink::record;
    this.account = sink::account;
    this.problem = sink::problem;
    this.trip = sink::trip;
    this.name = name;
    this.time = time;
    this.blockLimitNanos = blockLimit.toNanos();
  }

  /** Why this sink was disabled, or {@code null} while it works. */
  String disabledBecause() {
    Health health = disabled;
    return health == null ? null : health.lastError();
  }

  @Override
  public void record(Result result) {
    if (disabled != null) {
      droppedSinceDisabled.increment();
      return;
    }
    call("record()", record, result);
  }

  @Override
  public void account(MinuteAccount account) {
    call("account()", this.account, account);
  }

  @Override
  public void problem(Problem problem) {
    call("problem()", this.problem, problem);
  }

  @Override
  public void trip(Trip trip) {
    call("trip()", this.trip, trip);
  }

  /** One call that must not block: a throw or a block beyond the limit disables the sink. */
  private <T> void call(String name, Consumer<T> target, T event) {
    if (disabled != null) {
      return;
    }
    long before = time.nanoTime();
    try {
      target.accept(event);
    } catch (Throwable e) {
      failed(name, e);
      return;
    }
    checkBlocked(name, before);
  }

  @Override
  public boolean flush(Duration timeout) {
    if (disabled != null) {
      return false;
    }
    try {
      return sink.flush(timeout);
    } catch (Throwable e) {
      failed("flush()", e);
      return false;
    }
  }

  @Override
  public void close(Duration timeout) {
    try {
      sink.close(timeout);
    } catch (Throwable e) {
      PluginCalls.rethrowIfFatal(e);
      log.warn("destination \"{}\": {} failed in close(): {}", name, PluginCalls.describe(sink),
          PluginCalls.what(e));
    }
  }

  @Override
  public Health health() {
    Health health = disabled;
    if (health != null) {
      return new Health(health.dropped() + droppedSinceDisabled.sum(), health.failingSinceMillis(),
          health.lastError());
    }
    try {
      Health reported = sink.health();
      if (reported != null) {
        return reported;
      }
      failed("health()", new NullPointerException("health() returned null"));
    } catch (Throwable e) {
      failed("health()", e);
    }
    return disabled;
  }

  private void checkBlocked(String call, long beforeNanos) {
    long tookNanos = time.nanoTime() - beforeNanos;
    if (tookNanos > blockLimitNanos) {
      disable(call + " blocked for " + tookNanos / 1_000_000 + " ms, more than the "
          + blockLimitNanos / 1_000_000 + " ms a call that must not block may take");
    }
  }

  private void failed(String call, Throwable e) {
    PluginCalls.rethrowIfFatal(e);
    disable(call + " threw " + PluginCalls.what(e));
  }

  private void disable(String why) {
    String reason;
    synchronized (this) {
      if (disabled != null) {
        return;
      }
      reason = "destination \"" + name + "\" disabled for the rest of the run, its results dropped: "
          + PluginCalls.describe(sink) + " " + why;
      disabled = new Health(0, time.wallMillis(), reason);
    }
    onDisabled.accept(reason);
  }
}
