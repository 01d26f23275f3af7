package io.github.capacity.core;

import io.github.capacity.api.Result;
import io.github.capacity.api.TimeSource;
import io.github.capacity.core.guard.Guardrails;
import io.github.capacity.core.pacing.CatchUp;
import io.github.capacity.core.pacing.Fleet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * What every test of a run shares: the clocks, anchored once so that wall-clock times of results
 * are derived from the monotonic clock (differences stay exact even if NTP steps the wall clock),
 * and the pacing settings.
 */
final class RunContext {
  final TimeSource time;
  final String host;
  /** This host's place for fleet-wide rates. */
  final Fleet fleet;
  final CatchUp catchUp;
  final double catchUpMaxFactor;
  final int maxInFlight;
  final Consumer<Result> resultListener;
  /** Judges every result against its test's {@code abort} block. */
  final Guardrails guardrails;
  /** Executions in flight across all tests, so the drain knows when everything has ended. */
  final AtomicInteger totalInFlight = new AtomicInteger();
  /** How long a call into a plugin that must not block may take before the plugin is disabled. */
  final long blockLimitNanos;
  /** Set when a test's plugin has failed, so the scheduler sweeps it out; any thread. */
  volatile boolean pluginFailed;
  /** An error a plugin's start threw on its own thread that the run must not survive. */
  volatile VirtualMachineError fatal;
  /** Cuts the scheduler's sleep short: on changes, stops, and the last completion of a drain. */
  final Waker waker;
  /** Whether the scheduler waits in a drain, so the completion that empties the run wakes it. */
  volatile boolean draining;
  private final long anchorEpochNanos;
  private final long anchorNanos;

  RunContext(TimeSource time, String host, Fleet fleet, CatchUp catchUp, double catchUpMaxFactor,
      int maxInFlight, Consumer<Result> resultListener, Guardrails guardrails,
      long blockLimitNanos) {
    this.time = time;
    this.host = host;
    this.fleet = fleet;
    this.catchUp = catchUp;
    this.catchUpMaxFactor = catchUpMaxFactor;
    this.maxInFlight = maxInFlight;
    this.resultListener = resultListener;
    this.blockLimitNanos = blockLimitNanos;
    this.guardrails = guardrails;
    this.waker = new Waker(time);
    this.anchorNanos = time.nanoTime();
    this.anchorEpochNanos = time.wallMillis() * 1_000_000L;
  }

  void executionStarted() {
    totalInFlight.incrementAndGet();
  }

  void executionEnded() {
    if (totalInFlight.decrementAndGet() == 0 && draining) {
      waker.wake();
    }
  }

  /** The wall-clock epoch nanos of a monotonic reading. */
  long epochNanos(long nanos) {
    return anchorEpochNanos + (nanos - anchorNanos);
  }

  /** The monotonic reading of a wall-clock epoch millis. */
  long nanosAt(long epochMillis) {
    return anchorNanos + (epochMillis * 1_000_000L - anchorEpochNanos);
  }
}
