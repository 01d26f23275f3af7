package io.github.capacity.core.pacing;

import java.util.Locale;

/** What a test that starts late in its minute does with the executions planned before it. */
public enum CatchUp {
  /** Runs the owed executions on top of the plan, never faster than a set factor of the rate. */
  SPREAD,
  /** Runs only what is planned from now on; the rest is counted as skipped. */
  SKIP;

  /** The word used in {@code capacity.properties}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
