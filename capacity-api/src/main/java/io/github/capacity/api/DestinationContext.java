package io.github.capacity.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What the engine tells a {@link MetricsDestination} when it opens one.
 *
 * @param host the name of this host, as used in metric names
 * @param logDir the installation's log folder ({@code log.dir}), the default home of file output
 * @param timeSource the clocks to use, so that tests can fake them
 * @param spoolDir the folder under which destinations that can replay keep what they could not
 *     deliver, each in a folder of its own ({@code spool.dir}); {@code null}: no spool
 * @param spoolMaxBytes the most each destination's spool may hold ({@code spool.max_size})
 */
public record DestinationContext(String host, Path logDir, TimeSource timeSource, Path spoolDir,
    long spoolMaxBytes) {
  public DestinationContext {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(logDir, "logDir");
    Objects.requireNonNull(timeSource, "timeSource");
    if (spoolDir != null && spoolMaxBytes < 1024) {
      throw new IllegalArgumentException("spoolMaxBytes < 1024: " + spoolMaxBytes);
    }
  }

  /** A context without a spool: what cannot be delivered is dropped and counted. */
  public DestinationContext(String host, Path logDir, TimeSource timeSource) {
    this(host, logDir, timeSource, null, 0);
  }
}
