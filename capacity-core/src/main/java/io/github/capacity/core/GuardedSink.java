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
 * <p>A plugin's sink (one a {@link PluginClassLoader} defined) is called on a {@link SinkThread}
 * of its own, so that even a call that never returns holds nobody: the callers hand each event
 * over and judge the sink blocked from when the oldest event undelivered was handed over. The
 * built-in sinks, which never block, are called directly.
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
  /** The thread a plugin's sink is called on; null for the engine's own sinks. */
  private final SinkThread thread;
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
    this.thread = PluginClassLoader.defined(sink) ? new SinkThread(name, this::deliverHandedOver,
        GuardedSink::callOf) : null;
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
    if (thread != null) {
      handOver(result);
      return;
    }
    call("record()", record, result);
  }

  @Override
  public void account(MinuteAccount account) {
    if (thread != null) {
      handOver(account);
      return;
    }
    call("account()", this.account, account);
  }

  @Override
  public void problem(Problem problem) {
    if (thread != null) {
      handOver(problem);
      return;
    }
    call("problem()", this.problem, problem);
  }

  @Override
  public void trip(Trip trip) {
    if (thread != null) {
      handOver(trip);
      return;
    }
    call("trip()", this.trip, trip);
  }

  /** One call that must not block: a throw or a block beyond the limit disables the sink. */
  private <T> void call(String name, Consumer<T> target, T event) {
    if (disabled != null) {
      return;
    }
    long before = time.nanoTime();
    if (deliver(name, target, event)) {
      checkBlocked(name, before);
    }
  }

  /** Passes one event on; false when it threw, which disabled the sink. */
  private <T> boolean deliver(String name, Consumer<T> target, T event) {
    try {
      target.accept(event);
      return true;
    } catch (Throwable e) {
      failed(name, e);
      return false;
    }
  }

  /** Hands a plugin's sink one event for its thread, unless the sink has blocked too long. */
  private void handOver(Object event) {
    long now = time.nanoTime();
    if (disabled != null || checkThread(now) != null) {
      droppedSinceDisabled.increment();
      return;
    }
    thread.handOff(event, now);
  }

  /** Disables a plugin's sink whose thread has been held beyond the limit; returns why, or null. */
  private String checkThread(long nowNanos) {
    String blocked = thread.blocked(nowNanos, blockLimitNanos);
    if (blocked != null) {
      disable(blocked + ", more than the " + blockLimitNanos / 1_000_000 + " ms a call that must"
          + " not block may take; its thread " + thread.threadName() + " is left behind");
    }
    return blocked;
  }

  /** On the sink's thread: passes one event on, as the engine would have called it. */
  private void deliverHandedOver(Object event) {
    if (disabled != null) {
      droppedSinceDisabled.increment();
      return;
    }
    // The callers judge whether it blocked, from the hand-off; this thread's clock readings would
    // race an engine's fake clock.
    if (event instanceof Result result) {
      deliver("record()", record, result);
    } else if (event instanceof MinuteAccount minute) {
      deliver("account()", account, minute);
    } else if (event instanceof Problem reported) {
      deliver("problem()", problem, reported);
    } else {
      deliver("trip()", trip, (Trip) event);
    }
  }

  private static String callOf(Object event) {
    return event instanceof Result ? "record()" : event instanceof MinuteAccount ? "account()"
        : event instanceof Problem ? "problem()" : "trip()";
  }

  @Override
  public boolean flush(Duration timeout) {
    if (disabled != null) {
      return false;
    }
    try {
      if (thread != null && !thread.awaitDelivered(timeout.toNanos())) {
        return false; // its thread is still busy: the destination's health says why
      }
      return sink.flush(timeout);
    } catch (Throwable e) {
      failed("flush()", e);
      return false;
    }
  }

  @Override
  public void close(Duration timeout) {
    if (thread != null) {
      thread.stop();
    }
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
    if (thread != null && checkThread(time.nanoTime()) != null) {
      health = disabled;
    }
    if (health != null) {
      return new Health(health.dropped() + droppedSinceDisabled.sum() + handOffDropped(),
          health.failingSinceMillis(), health.lastError());
    }
    try {
      Health reported = sink.health();
      if (reported != null) {
        long handOffDropped = handOffDropped();
        return handOffDropped == 0 ? reported : new Health(reported.dropped() + handOffDropped,
            reported.failingSinceMillis(), reported.lastError(), reported.spooled(),
            reported.replayed(), reported.spoolDropped());
      }
      failed("health()", new NullPointerException("health() returned null"));
    } catch (Throwable e) {
      failed("health()", e);
    }
    return disabled;
  }

  /** Events a plugin's sink never got because its hand-off was full. */
  private long handOffDropped() {
    return thread == null ? 0 : thread.dropped();
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
