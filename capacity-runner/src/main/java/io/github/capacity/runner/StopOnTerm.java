package io.github.capacity.runner;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * While open, a SIGTERM (systemd stopping the unit, an operator's kill) runs {@code stop}, then
 * holds the JVM's exit until {@link #close} or {@code waitSeconds}, so that what is in flight is
 * cancelled and the results are flushed first. A SIGTERM that came before (the JVM is already
 * exiting, so no hook can be added) runs {@code stop} at once: the run ends before it paces
 * anything, rather than failing.
 */
final class StopOnTerm implements AutoCloseable {
  /** Where the hook goes: the JVM's shutdown hooks, or a test's. */
  interface Hooks {
    Hooks RUNTIME = new Hooks() {
      @Override
      public void add(Thread hook) {
        Runtime.getRuntime().addShutdownHook(hook);
      }

      @Override
      public void remove(Thread hook) {
        Runtime.getRuntime().removeShutdownHook(hook);
      }
    };

    /** Throws {@link IllegalStateException} when the JVM is already shutting down. */
    void add(Thread hook);

    /** Throws {@link IllegalStateException} when the JVM is already shutting down. */
    void remove(Thread hook);
  }

  private final Hooks hooks;
  private final Thread hook;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicBoolean terminated = new AtomicBoolean();

  private StopOnTerm(Hooks hooks, Runnable stop, long waitSeconds) {
    this.hooks = hooks;
    this.hook = new Thread(() -> {
      terminated.set(true);
      stop.run();
      try {
        closed.await(waitSeconds, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "capacity-shutdown");
  }

  static StopOnTerm open(Hooks hooks, Runnable stop, long waitSeconds) {
    StopOnTerm onTerm = new StopOnTerm(hooks, stop, waitSeconds);
    try {
      hooks.add(onTerm.hook);
    } catch (IllegalStateException alreadyExiting) {
      onTerm.terminated.set(true);
      stop.run();
    }
    return onTerm;
  }

  /** Whether a SIGTERM stopped the run (rather than the stop file). */
  boolean terminated() {
    return terminated.get();
  }

  /** Lets a SIGTERM's exit go on; removes the hook if none came. */
  @Override
  public void close() {
    closed.countDown();
    if (terminated.get()) {
      return;
    }
    try {
      hooks.remove(hook);
    } catch (IllegalStateException e) {
      // shutting down: the hook is running and has just been released
    }
  }
}
