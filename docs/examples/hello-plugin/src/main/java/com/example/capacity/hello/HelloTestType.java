package com.example.capacity.hello;

import io.github.capacity.api.ApiVersion;
import io.github.capacity.api.Definition;
import io.github.capacity.api.InvalidDefinitionException;
import io.github.capacity.api.PreparedTest;
import io.github.capacity.api.TestContext;
import io.github.capacity.api.TestType;
import java.time.Duration;
import java.util.Set;

/**
 * The {@code hello} test type: connects to {@code host:port} over TCP, sends {@code HELLO} and a
 * newline, and expects a line back ({@code "expect"}, {@code HELLO} by default). In {@code
 * tests.json}:
 *
 * <pre>{@code
 * "greeter": {"type": "hello", "host": "127.0.0.1", "port": 7000, "timeout": "2s"}
 * }</pre>
 *
 * <p>The no-argument constructor does nothing (the runner instantiates every plugin it finds);
 * all the work is in {@link #prepare}, which validates the definition so that {@code capacity
 * check} reports mistakes with their line. Thread safe: it holds no state.
 */
public final class HelloTestType implements TestType {
  private static final Set<String> KEYS = Set.of("host", "port", "timeout", "expect");

  @Override
  public String apiVersion() {
    return ApiVersion.CURRENT; // the compiler records the API this plugin is built against
  }

  @Override
  public String name() {
    return "hello";
  }

  @Override
  public PreparedTest prepare(Definition definition, TestContext context)
      throws InvalidDefinitionException {
    definition.requireOnly(KEYS);
    String host = definition.string("host");
    int port = (int) definition.integer("port", -1, 1, 65_535);
    if (port == -1) {
      throw definition.error("port", "is missing, expected a TCP port from 1 to 65535");
    }
    Duration timeout = definition.duration("timeout", Duration.ofSeconds(5));
    String expect = definition.string("expect", "HELLO");
    return new HelloTest(host, port, timeout, expect, context.maxInFlight());
  }
}
