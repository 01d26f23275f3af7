package io.github.capacity.core;

import io.github.capacity.core.config.ConfigError;
import io.github.capacity.core.config.TestLine;
import java.util.List;
import java.util.Objects;

/**
 * What an engine would run and every problem it would meet, found before anything runs ({@link
 * CapacityEngine#validate()}): the same resolution, with the same words, as a run's. {@code
 * capacity check} prints this, so "check passes" means "the run reports no configuration problem".
 *
 * @param plan the lines that would run, in configuration order
 * @param errors refused lines, undefined or invalid tests and destinations, each with {@code file:line}
 * @param warnings what a run tolerates but an operator should see, such as a destination name
 *     that falls back to {@code default.destination}
 */
public record Validation(List<PlannedTest> plan, List<ConfigError> errors, List<ConfigError> warnings) {
  public Validation {
    plan = List.copyOf(plan);
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }

  /** Whether nothing is wrong (warnings aside). */
  public boolean ok() {
    return errors.isEmpty();
  }

  /**
   * One line of the plan.
   *
   * @param line the configuration line
   * @param type the test type (plugin name) its test has, or {@code null} when it is undefined
   * @param destination the destination its results go to, after any fallback
   * @param fallback whether {@code destination} is the default one, taken for an unknown name
   */
  public record PlannedTest(TestLine line, String type, String destination, boolean fallback) {
    public PlannedTest {
      Objects.requireNonNull(line, "line");
      Objects.requireNonNull(destination, "destination");
    }
  }
}
