package io.github.capacity.core;

import io.github.capacity.api.TimeSource;

/**
 * Lets other threads cut the scheduler's sleep short. The scheduler sleeps through {@link
 * TimeSource#sleepNanos}, which ends early on an interrupt; an interrupt is sent only while the
 * scheduler is inside that sleep, so it never reaches test or destination code running on the
 * scheduler thread.
 */
final class Waker {
  private final TimeSource time;
  private Thread sleeper;
  private boolean wakeRequested;
  private boolean interruptedFromOutside;

  Waker(TimeSource time) {
    this.time = time;
  }

  /** Sleeps until {@code targetNanos} or until {@link #wake()}; returns at once if woken since. */
  void sleepUntil(long targetNanos) {
    long waitNanos = targetNanos - time.nanoTime();
    synchronized (this) {
      if (wakeRequested || waitNanos <= 0) {
        wakeRequested = false;
        return;
      }
      sleeper = Thread.currentThread();
    }
    try {
      time.sleepNanos(waitNanos);
    } catch (InterruptedException e) {
      synchronized (this) {
        if (!wakeRequested) {
          interruptedFromOutside = true;
        }
      }
    } finally {
      synchronized (this) {
        sleeper = null;
        wakeRequested = false;
        Thread.interrupted(); // a wake that raced with the sleep's normal end
      }
    }
  }

  /** Ends the current or next sleep. Any thread. */
  synchronized void wake() {
    wakeRequested = true;
    if (sleeper != null) {
      sleeper.interrupt();
    }
  }

  /** Whether someone other than {@link #wake()} interrupted the scheduler: a request to stop. */
  synchronized boolean interruptedFromOutside() {
    return interruptedFromOutside;
  }
}
