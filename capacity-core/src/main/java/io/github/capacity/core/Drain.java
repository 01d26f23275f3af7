package io.github.capacity.core;

import io.github.capacity.api.MetricsSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a run: waiting for executions in flight to end, then flushing every destination
 * within a fixed budget. Runs on the scheduler thread; the last completion wakes it.
 */
final class Drain {
  private static final Logger log = LoggerFactory.getLogger(Drain.class);
  /** What the destinations get to deliver their last results after the drain. */
  static final Duration FLUSH_BUDGET = Duration.ofSeconds(2);

  private final RunContext context;

  Drain(RunContext context) {
    this.context = context;
  }

  /** Sleeps until nothing is in flight (the last completion wakes us) or the deadline. */
  void awaitIdle(long deadlineNanos) {
    Waker waker = context.waker;
    context.draining = true;
    try {
      while (context.totalInFlight.get() > 0 && context.time.nanoTime() < deadlineNanos
          && !waker.interruptedFromOutside()) {
        waker.sleepUntil(deadlineNanos);
      }
    } finally {
      context.draining = false;
    }
  }

  /**
   * Flushes every sink at once, each on its own short-lived thread, so that one stalled metrics
   * server cannot eat the others' time; the whole takes at most {@link #FLUSH_BUDGET}.
   */
  static void flushAll(List<MetricsSink> sinks) {
    List<Thread> flushing = new ArrayList<>();
    for (MetricsSink sink : sinks) {
      Thread thread = new Thread(() -> {
        try {
          if (!sink.flush(FLUSH_BUDGET)) {
            log.warn("a metrics destination did not deliver everything within {} ms: {}",
                FLUSH_BUDGET.toMillis(), sink.health().lastError());
          }
        } catch (RuntimeException e) {
          log.warn("flushing a metrics destination failed: {}", e.toString());
        }
      }, "capacity-flush");
      thread.setDaemon(true);
      thread.start();
      flushing.add(thread);
    }
    // Real time, whatever the engine's clock: sinks flush against the real network.
    long deadline = System.nanoTime() + FLUSH_BUDGET.toNanos() + 100_000_000L;
    try {
      for (Thread thread : flushing) {
        long leftMillis = (deadline - System.nanoTime()) / 1_000_000L;
        if (leftMillis > 0) {
          thread.join(leftMillis);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
