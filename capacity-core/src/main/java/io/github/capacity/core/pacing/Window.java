package io.github.capacity.core.pacing;

/**
 * One window of a run (a calendar minute) on both clocks: the monotonic clock the pacer waits
 * on, and the wall clock that anchored shapes are fixed to.
 *
 * @param startNanos the window's start on the monotonic clock
 * @param lengthNanos its length, normally one minute
 * @param startEpochMillis the same instant on the wall clock
 */
public record Window(long startNanos, long lengthNanos, long startEpochMillis) {
  public Window {
    if (lengthNanos <= 0) {
      throw new IllegalArgumentException("lengthNanos <= 0: " + lengthNanos);
    }
  }

  /** The end of the window on the monotonic clock, exclusive. */
  public long endNanos() {
    return startNanos + lengthNanos;
  }

  /** The monotonic reading of the wall-clock instant {@code epochMillis}. */
  public long nanosAt(long epochMillis) {
    return startNanos + (epochMillis - startEpochMillis) * 1_000_000L;
  }
}
