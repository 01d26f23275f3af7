package io.github.capacity.http;

import io.github.capacity.api.Definition;
import io.github.capacity.api.InvalidDefinitionException;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.PreparedTest;
import io.github.capacity.api.TestContext;
import io.github.capacity.api.TimeSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Small helpers shared by the http tests: definitions, a context, one execution run to its end. */
final class HttpFixtures {
  static final String VERSION = "1.2.3";

  private HttpFixtures() {}

  /** A definition named {@code homepage} from {@code tests.json}, from alternating keys and values. */
  static Definition definition(Object... keysAndValues) {
    Map<String, Object> settings = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      settings.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return new Definition("tests.json", "homepage", "http", settings);
  }

  /** A context on the real clocks: these tests talk to real sockets, whose timeouts are real. */
  static TestContext context(int maxInFlight) {
    return context(maxInFlight, TimeSource.system());
  }

  static TestContext context(int maxInFlight, TimeSource time) {
    return new TestContext("test-host", VERSION, maxInFlight, time);
  }

  static PreparedTest prepare(Definition definition) throws InvalidDefinitionException {
    return new HttpTestType(name -> null).prepare(definition, context(4));
  }

  /** Prepares {@code definition}, runs one execution and waits for its outcome (10 s at most). */
  static Outcome runOnce(Definition definition) throws Exception {
    try (PreparedTest test = prepare(definition)) {
      return runOnce(test);
    }
  }

  static Outcome runOnce(PreparedTest test) throws Exception {
    CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    test.start("shop.homepage", outcome::complete);
    return outcome.get(10, TimeUnit.SECONDS);
  }
}
