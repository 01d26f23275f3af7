package io.github.capacity.runner;

import io.github.capacity.api.MetricsDestination;
import io.github.capacity.api.TestType;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The test types and metrics destinations found on the class path and in {@code plugins.dir},
 * each name once, and what went wrong while looking (a broken jar, two jars claiming one name).
 *
 * @param testTypes by name, in the order found
 * @param destinations by name, in the order found
 * @param problems one sentence each, naming the jar; empty when all went well
 */
record Plugins(
    Map<String, TestType> testTypes,
    Map<String, MetricsDestination> destinations,
    List<String> problems) {

  Plugins {
    testTypes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(testTypes));
    destinations = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(destinations));
    problems = List.copyOf(problems);
  }

  /** The names found, sorted, for "expected one of" messages. */
  static String names(Collection<String> names) {
    return names.isEmpty() ? "(none installed)" : String.join(", ", new TreeSet<>(names));
  }
}
