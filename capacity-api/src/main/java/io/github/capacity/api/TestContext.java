package io.github.capacity.api;

import java.util.Objects;

/**
 * What the engine tells a {@link TestType} when it prepares a definition.
 *
 * @param host the name of this host, as used in metric names
 * @param version the toolkit's version, for a {@code User-Agent} say
 * @param maxInFlight how many executions of one configuration line may run at once ({@code
 *     max_in_flight}); size connection pools and dispatchers from it
 * @param timeSource the clocks to use, so that tests can fake them
 */
public record TestContext(String host, String version, int maxInFlight, TimeSource timeSource) {
  public TestContext {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(timeSource, "timeSource");
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight < 1: " + maxInFlight);
    }
  }
}
