package io.github.capacity.core.pacing;

import java.util.Locale;

/** What a test that starts late in its minute does with the executions planned before it. */
public enum CatchUp {
  /** Runs the owed executions on top of the plan, never faster than a set factor of the rate. */
  SPREAD,
  /** Runs only what is planned from now on; the rest is counted as skipped. */
  SKIP,
  /**
   * Runs from now: only what is planned from now on, and what was planned before the test
   * started was never owed, so it is not counted at all. An embedder's default: a program that
   * starts an engine mid-minute wants its rate from that moment, not the cron job's minute.
   */
  NONE;

  /** The word used in {@code capacity.properties}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
