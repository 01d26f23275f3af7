package io.github.capacity.core;

import io.github.capacity.api.Definition;
import io.github.capacity.api.DestinationContext;
import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.InvalidDefinitionException;
import io.github.capacity.api.MetricsDestination;
import io.github.capacity.api.MetricsSink;
import io.github.capacity.api.PreparedTest;
import io.github.capacity.api.TestContext;
import io.github.capacity.api.TestType;
import io.github.capacity.core.config.ConfigError;
import io.github.capacity.core.config.TestLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the names on configuration lines into prepared tests and open sinks, lazily, so that a
 * run pays only for what its lines use. Each definition is prepared once and each destination
 * opened once per engine; every problem is logged once and kept for the run summary.
 *
 * <p>Scheduler thread only, except {@link #problems()}.
 */
final class Catalog {
  private static final Logger log = LoggerFactory.getLogger(Catalog.class);

  /** A prepared thing, or why there is none and what kind of problem that is. */
  record Resolved<T>(T value, ConfigError error, ErrorClass kind) {
    static <T> Resolved<T> of(T value) {
      return new Resolved<>(value, null, null);
    }

    static <T> Resolved<T> failed(ConfigError error, ErrorClass kind) {
      return new Resolved<>(null, error, kind);
    }
  }

  private static final ErrorClass INVALID_DEFINITION = ErrorClass.of("invalid_definition");

  private final Map<String, TestType> testTypes;
  private final Map<String, MetricsDestination> destinationTypes;
  private final Map<String, Definition> tests;
  private final ToIntFunction<String> testLines;
  private final Map<String, Definition> destinations;
  private final ToIntFunction<String> destinationLines;
  private final TestContext testContext;
  private final DestinationContext destinationContext;
  private final String defaultDestination;
  /** Tests refused before their plugin sees them: their {@code abort} block is bad. */
  private final Map<String, InvalidDefinitionException> refusedTests;

  private final Map<String, Resolved<PreparedTest>> prepared = new HashMap<>();
  private final Map<String, Resolved<MetricsSink>> sinks = new LinkedHashMap<>();
  private final Map<String, ConfigError> problems = new LinkedHashMap<>();

  Catalog(Map<String, TestType> testTypes, Map<String, MetricsDestination> destinationTypes,
      Map<String, Definition> tests, ToIntFunction<String> testLines,
      Map<String, Definition> destinations, ToIntFunction<String> destinationLines,
      TestContext testContext, DestinationContext destinationContext, String defaultDestination,
      Map<String, InvalidDefinitionException> refusedTests) {
    this.testTypes = testTypes;
    this.destinationTypes = destinationTypes;
    this.tests = tests;
    this.testLines = testLines;
    this.destinations = destinations;
    this.destinationLines = destinationLines;
    this.testContext = testContext;
    this.destinationContext = destinationContext;
    this.defaultDestination = defaultDestination;
    this.refusedTests = refusedTests;
  }

  /** The prepared test that {@code line} names, or the error that keeps it from running. */
  Resolved<PreparedTest> test(TestLine line) {
    Definition definition = tests.get(line.testType());
    if (definition == null) {
      return Resolved.failed(problem(new ConfigError(line.source(), line.line(),
          "test_type \"" + line.testType() + "\" is not defined in the tests file, expected one of: "
              + namesOrNone(tests.keySet()))), ErrorClass.UNKNOWN_TEST_TYPE);
    }
    return test(line.testType());
  }

  /** The prepared test of the definition {@code name}, or why there is none; prepared once. */
  Resolved<PreparedTest> test(String name) {
    Definition definition = tests.get(name);
    if (definition == null) {
      throw new IllegalArgumentException("no test definition named " + name);
    }
    InvalidDefinitionException refused = refusedTests.get(name);
    if (refused != null) {
      return Resolved.failed(problem(definitionError(testLines, refused)), INVALID_DEFINITION);
    }
    return prepared.computeIfAbsent(name, n -> prepare(definition));
  }

  /** The test type that the definition {@code name} asks for, or {@code null} when undefined. */
  String typeOf(String name) {
    Definition definition = tests.get(name);
    return definition == null ? null : definition.type();
  }

  /** The names of every test definition, in file order. */
  Set<String> testNames() {
    return tests.keySet();
  }

  /** The names of every destination, defined or built in. */
  Set<String> destinationNames() {
    return allDestinationNames();
  }

  /** The destination that {@code line}'s results go to, after any fallback. */
  String destinationOf(TestLine line) {
    String name = line.destination();
    return isDestination(name) ? name : defaultDestination;
  }

  private boolean isDestination(String name) {
    return destinations.containsKey(name) || destinationTypes.containsKey(name);
  }

  private Resolved<PreparedTest> prepare(Definition definition) {
    TestType type = testTypes.get(definition.type());
    if (type == null) {
      return Resolved.failed(problem(definitionError(testLines,
          new InvalidDefinitionException(definition.source(), definition.path() + ".type",
              "\"" + definition.type() + "\" is not an installed test type, expected one of: "
                  + namesOrNone(testTypes.keySet())))), ErrorClass.UNKNOWN_TEST_TYPE);
    }
    try {
      return Resolved.of(type.prepare(definition, testContext));
    } catch (InvalidDefinitionException e) {
      return Resolved.failed(problem(definitionError(testLines, e)), INVALID_DEFINITION);
    } catch (RuntimeException e) {
      return Resolved.failed(problem(new ConfigError(definition.source(),
          testLines.applyAsInt(definition.path()),
          definition.path() + ": test type \"" + type.name() + "\" failed to prepare it: " + e)),
          INVALID_DEFINITION);
    }
  }

  /**
   * The sink for {@code line}'s destination; an unknown name falls back to the default
   * destination with a warning, as the seed did.
   */
  Resolved<MetricsSink> sink(TestLine line) {
    String name = line.destination();
    if (!isDestination(name)) {
      warnOnce(new ConfigError(line.source(), line.line(), "metrics_destination \"" + name
          + "\" is not defined, using the default destination \"" + defaultDestination
          + "\"; expected one of: " + namesOrNone(allDestinationNames())));
      name = defaultDestination;
    }
    return sink(name);
  }

  /** The sink of the destination {@code name}, defined or built in, or why there is none. */
  Resolved<MetricsSink> sink(String name) {
    return sinks.computeIfAbsent(name, this::open);
  }

  private Resolved<MetricsSink> open(String name) {
    Definition definition = destinations.get(name);
    if (definition == null && destinationTypes.containsKey(name)) {
      definition = new Definition("built-in", name, name, Map.of());
    }
    if (definition == null) {
      return Resolved.failed(problem(new ConfigError("settings", 0,
          "default.destination \"" + name + "\" is not defined, expected one of: "
              + namesOrNone(allDestinationNames()))), INVALID_DEFINITION);
    }
    MetricsDestination type = destinationTypes.get(definition.type());
    if (type == null) {
      return Resolved.failed(problem(definitionError(destinationLines,
          new InvalidDefinitionException(definition.source(), definition.path() + ".type",
              "\"" + definition.type() + "\" is not an installed destination, expected one of: "
                  + namesOrNone(destinationTypes.keySet())))), INVALID_DEFINITION);
    }
    try {
      return Resolved.of(type.open(definition, destinationContext));
    } catch (InvalidDefinitionException e) {
      return Resolved.failed(problem(definitionError(destinationLines, e)), INVALID_DEFINITION);
    } catch (RuntimeException e) {
      return Resolved.failed(problem(new ConfigError(definition.source(),
          destinationLines.applyAsInt(definition.path()),
          definition.path() + ": destination \"" + type.name() + "\" failed to open: " + e)),
          INVALID_DEFINITION);
    }
  }

  /** Every open sink, for flushing and health checks. */
  List<MetricsSink> openSinks() {
    List<MetricsSink> open = new ArrayList<>();
    for (Resolved<MetricsSink> sink : sinks.values()) {
      if (sink.value() != null) {
        open.add(sink.value());
      }
    }
    return open;
  }

  /** Closes every prepared test and sink; each sink gets {@code deadline}. */
  void close(Duration deadline) {
    for (Resolved<PreparedTest> test : prepared.values()) {
      if (test.value() != null) {
        try {
          test.value().close();
        } catch (RuntimeException e) {
          log.warn("closing a test failed: {}", e.toString());
        }
      }
    }
    prepared.clear();
    for (MetricsSink sink : openSinks()) {
      try {
        sink.close(deadline);
      } catch (RuntimeException e) {
        log.warn("closing a metrics destination failed: {}", e.toString());
      }
    }
    sinks.clear();
  }

  /** Every distinct problem met so far, in the order met. */
  synchronized List<ConfigError> problems() {
    return new ArrayList<>(problems.values());
  }

  private synchronized ConfigError problem(ConfigError error) {
    if (problems.putIfAbsent(error.toString(), error) == null) {
      log.error("{}", error);
    }
    return error;
  }

  private final Map<String, ConfigError> warnings = new LinkedHashMap<>();

  private synchronized void warnOnce(ConfigError warning) {
    if (warnings.putIfAbsent(warning.toString(), warning) == null) {
      log.warn("{}", warning);
    }
  }

  /** Every distinct warning met so far, in the order met. */
  synchronized List<ConfigError> warnings() {
    return new ArrayList<>(warnings.values());
  }

  private static ConfigError definitionError(ToIntFunction<String> lines, InvalidDefinitionException e) {
    return new ConfigError(e.source(), lines.applyAsInt(e.path()), e.path() + ": " + e.problem());
  }

  private Set<String> allDestinationNames() {
    Set<String> names = new LinkedHashSet<>(destinations.keySet());
    names.addAll(destinationTypes.keySet());
    return names;
  }

  /** In name order: the maps come from {@code Map.copyOf}, whose order changes from run to run. */
  private static String namesOrNone(Set<String> names) {
    return names.isEmpty() ? "(none defined)" : String.join(", ", new java.util.TreeSet<>(names));
  }
}
