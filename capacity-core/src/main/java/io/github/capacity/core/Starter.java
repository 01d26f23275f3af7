package io.github.capacity.core;

import java.util.ArrayDeque;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * The thread a plugin's {@code start} runs on, one per test, so that a start that blocks holds
 * its own test only and never the scheduler. The scheduler hands each execution over and never
 * waits: the hand-off holds at most {@code maxInFlight}, as many as the test may have in flight.
 * The scheduler alone judges a start blocked, from its own clock: a start counts from the moment
 * it was handed over, so that a start waiting behind a slow one counts its wait too.
 *
 * <p>All but the thread's own loop are for the scheduler thread.
 */
final class Starter {
  /** Tells the thread to end; never started. */
  private static final InFlight RETIRED = new InFlight(null, null, 0, 0);

  private final TestRun run;
  private final long blockLimitNanos;
  private final ArrayBlockingQueue<InFlight> handOff;
  private final Thread thread;
  /** Handed over and not yet returned from {@code start}, oldest first. Scheduler thread only. */
  private final ArrayDeque<InFlight> pending = new ArrayDeque<>();
  /** How many of {@link #pending} the scheduler has let go, against {@link #returned}. */
  private long letGo;
  /** How many starts have returned; the thread takes them in hand-off order. */
  private volatile long returned;
  private boolean retired;

  Starter(TestRun run, String testName, int maxInFlight, long blockLimitNanos) {
    this.run = run;
    this.blockLimitNanos = blockLimitNanos;
    this.handOff = new ArrayBlockingQueue<>(maxInFlight);
    this.thread = new Thread(this::startEach, "capacity-start-" + testName);
    // Daemon: a start that never returns must not keep the JVM (the cron job) alive.
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues one execution for its start; false when the hand-off is full (it never is in use). */
  boolean handOff(InFlight execution) {
    if (!handOff.offer(execution)) {
      return false;
    }
    pending.add(execution);
    return true;
  }

  /** When the oldest start not returned passes the block limit, or {@link Long#MAX_VALUE}. */
  long checkDueNanos() {
    InFlight oldest = oldestPending();
    // A millisecond past the limit, so that the message's whole milliseconds show it passed.
    return oldest == null ? Long.MAX_VALUE : oldest.startNanos + blockLimitNanos + 1_000_000L;
  }

  /**
   * Why the test must be disabled, when its oldest start not returned was handed over more than
   * the block limit ago; else {@code null}. Its thread stays stuck in the plugin, a daemon.
   */
  String blocked(long nowNanos) {
    InFlight oldest = oldestPending();
    if (oldest == null || nowNanos - oldest.startNanos <= blockLimitNanos) {
      return null;
    }
    return "start() blocked for " + (nowNanos - oldest.startNanos) / 1_000_000 + " ms, more than the "
        + blockLimitNanos / 1_000_000 + " ms limit; it must hand the work off and return; its thread "
        + thread.getName() + " is left behind";
  }

  /** The oldest execution handed over whose start has not returned, or {@code null}. */
  private InFlight oldestPending() {
    long returnedNow = returned;
    while (letGo < returnedNow) {
      pending.poll();
      letGo++;
    }
    return pending.peek();
  }

  /**
   * Ends every execution whose start has not returned, as cancelled (the one stuck in {@code
   * start} too: its plugin may still report, but the outcome is taken), and lets the thread go
   * once it is free. The test's other executions are the scheduler's to cancel.
   */
  void retire() {
    if (retired) {
      return;
    }
    retired = true;
    oldestPending(); // lets go of those that returned: they are the scheduler's to cancel
    for (InFlight queued; (queued = handOff.poll()) != null; ) {
      queued.abandon();
    }
    for (InFlight execution : pending) {
      execution.abandon();
    }
    pending.clear();
    handOff.offer(RETIRED); // there is room: only the scheduler adds, and it has just emptied it
  }

  private void startEach() {
    while (true) {
      InFlight execution;
      try {
        execution = handOff.take();
      } catch (InterruptedException e) {
        return; // nobody interrupts it; if someone does, the starts left are abandoned at retire
      }
      if (execution == RETIRED) {
        return;
      }
      try {
        run.startHandedOver(execution);
      } catch (Throwable e) {
        run.startFailedFatally(e);
        return;
      } finally {
        returned++; // this thread is the only writer
      }
    }
  }
}
