package io.github.capacity.core.guard;

/**
 * What a guard's window holds at one instant.
 *
 * @param windowSeconds the window's length
 * @param ran executions that ran and ended, ok or failed (not cancelled)
 * @param failed those of {@code ran} that failed
 * @param dropped executions dropped at {@code max_in_flight}
 */
record WindowFigures(int windowSeconds, long ran, long failed, long dropped) {
  /** Every execution the window counts: those that ran and those dropped. */
  long total() {
    return ran + dropped;
  }
}
