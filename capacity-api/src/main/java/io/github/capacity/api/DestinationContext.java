package io.github.capacity.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What the engine tells a {@link MetricsDestination} when it opens one.
 *
 * @param host the name of this host, as used in metric names
 * @param logDir the installation's log folder ({@code log.dir}), the default home of file output
 * @param timeSource the clocks to use, so that tests can fake them
 */
public record DestinationContext(String host, Path logDir, TimeSource timeSource) {
  public DestinationContext {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(logDir, "logDir");
    Objects.requireNonNull(timeSource, "timeSource");
  }
}
