package io.github.capacity.metrics.spool;

import io.github.capacity.api.Definition;
import io.github.capacity.api.DestinationContext;
import io.github.capacity.api.InvalidDefinitionException;
import io.github.capacity.metrics.MetricNames;
import java.util.Set;

/**
 * The {@code destinations.json} keys of a destination that can replay, and the {@link Spool} they
 * make. Stateless.
 */
public final class Spools {
  /** The keys this class reads, for {@link Definition#requireOnly}. */
  public static final Set<String> KEYS = Set.of("spool", "replay_bytes_per_second");
  /** Default {@code replay_bytes_per_second}: 256 KiB/s, some 4,000 Graphite lines a second. */
  public static final long DEFAULT_REPLAY_BYTES_PER_SECOND = 256 * 1024;

  private Spools() {}

  /**
   * The spool of {@code definition}, in a folder named after it under the context's spool folder;
   * {@code null} when {@code "spool": false} or the context has no spool folder.
   */
  public static Spool open(Definition definition, DestinationContext context) throws InvalidDefinitionException {
    boolean enabled = definition.bool("spool", true);
    long bytesPerSecond = definition.integer("replay_bytes_per_second", DEFAULT_REPLAY_BYTES_PER_SECOND,
        1024, 1L << 30);
    if (!enabled || context.spoolDir() == null) {
      return null;
    }
    return new Spool(context.spoolDir().resolve(MetricNames.component(definition.path())), context.spoolMaxBytes(),
        bytesPerSecond, context.timeSource());
  }
}
