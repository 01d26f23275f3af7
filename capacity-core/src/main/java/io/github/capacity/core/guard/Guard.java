package io.github.capacity.core.guard;

import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.Result;

/**
 * Judges one test's results against its {@link AbortRule}: each result goes into the sliding
 * window, and once the window counts {@code min_count} executions every result is a judgement.
 * The first judgement where a condition holds is the trip; after it the guard ignores results.
 * Time is the results' own end times, which the engine reads from its injected clock.
 *
 * <p>Thread safe: results arrive on the test's completion threads; the lock is held for a few
 * counter updates.
 */
final class Guard {
  /**
   * Why and when the guard tripped.
   *
   * @param heldEpochMillis the instant of the last rate that held, or {@code -1} when no
   *     judgement held before the trip
   */
  record Verdict(Condition condition, String figures, WindowFigures window, long epochMillis,
      long heldEpochMillis) {}

  private final AbortRule rule;
  private final SlidingWindow window;
  private final boolean[] beyond;
  private long lastHeldEpochMillis = -1;
  private boolean tripped;

  Guard(AbortRule rule) {
    this.rule = rule;
    this.window = new SlidingWindow(rule.windowSeconds(), rule.conditions().size());
    this.beyond = new boolean[rule.conditions().size()];
  }

  AbortRule rule() {
    return rule;
  }

  /** Counts {@code result} and judges the window; returns the verdict if the guard trips now. */
  synchronized Verdict record(Result result) {
    Outcome outcome = result.outcome();
    if (tripped || ErrorClass.CANCELLED.equals(outcome.errorClass())) {
      return null; // cancelled: the engine's own doing, not the target's
    }
    boolean dropped = outcome.isDropped();
    for (int c = 0; c < beyond.length; c++) {
      Condition condition = rule.conditions().get(c);
      beyond[c] = !dropped && condition.figure() == Condition.Figure.PERCENTILE
          && condition.beyond(result.latencyNanos());
    }
    long endMillis = Math.floorDiv(result.endEpochNanos(), 1_000_000L);
    if (!window.add(Math.floorDiv(endMillis, 1000L), dropped, !outcome.ok() && !dropped, beyond)) {
      return null;
    }
    WindowFigures figures = window.figures();
    if (figures.total() < rule.minCount()) {
      return null;
    }
    for (int c = 0; c < beyond.length; c++) {
      Condition condition = rule.conditions().get(c);
      if (condition.holds(figures, window.beyond(c))) {
        tripped = true;
        // The executions that tripped it all ended within the window; the rate at the window's
        // start is the last one no counted execution saw, unless no judgement held since then.
        long windowStart = endMillis - rule.windowSeconds() * 1000L;
        long held = lastHeldEpochMillis < 0 ? -1 : Math.min(lastHeldEpochMillis, windowStart);
        return new Verdict(condition, condition.explain(figures, window.beyond(c)), figures,
            endMillis, held);
      }
    }
    lastHeldEpochMillis = endMillis;
    return null;
  }
}
