package io.github.capacity.core;

import io.github.capacity.core.config.ConfigError;
import io.github.capacity.core.config.ConfigSource;
import io.github.capacity.core.config.TestLine;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves everything a run could need through the run's own {@link Catalog}: every line, every
 * test definition (used or not) and every destination, so that a problem a run would meet later
 * in the day, when a line starts naming it, is found now too.
 */
final class Validator {
  private Validator() {}

  static Validation validate(ConfigSource source, Catalog catalog) {
    List<ConfigError> errors = new ArrayList<>();
    ConfigSource.Snapshot snapshot;
    try {
      snapshot = source.read();
    } catch (RuntimeException e) {
      errors.add(new ConfigError("configuration", 0, "reading it failed: " + e));
      snapshot = new ConfigSource.Snapshot(List.of(), List.of());
    }
    errors.addAll(snapshot.errors());
    for (String name : catalog.testNames()) {
      catalog.test(name);
    }
    for (String name : catalog.destinationNames()) {
      catalog.sink(name);
    }
    List<Validation.PlannedTest> plan = new ArrayList<>();
    for (TestLine line : snapshot.lines()) {
      catalog.test(line); // an undefined test_type is one of the catalog's problems
      catalog.sink(line); // an unknown destination is one of its warnings
      String destination = catalog.destinationOf(line);
      plan.add(new Validation.PlannedTest(line, catalog.typeOf(line.testType()), destination,
          !destination.equals(line.destination())));
    }
    errors.addAll(catalog.problems());
    return new Validation(plan, errors, catalog.warnings());
  }
}
