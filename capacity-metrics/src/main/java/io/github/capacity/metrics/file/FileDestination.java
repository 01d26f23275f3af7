package io.github.capacity.metrics.file;

import io.github.capacity.api.Definition;
import io.github.capacity.api.DestinationContext;
import io.github.capacity.api.InvalidDefinitionException;
import io.github.capacity.api.MetricsDestination;
import io.github.capacity.api.MetricsSink;
import io.github.capacity.sink.BufferedSink;
import io.github.capacity.metrics.internal.DestinationSettings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The {@code file} destination: JSON Lines in {@code results-YYYY-MM-DD.jsonl} (UTC day) in
 * {@code folder}, by default the installation's {@code log.dir}; a relative folder is taken
 * from {@code log.dir}. Appends stay whole lines when several processes write the same file, and
 * nothing is ever truncated. Fields: {@code docs/metrics.md}. Stateless and thread safe.
 */
public final class FileDestination implements MetricsDestination {
  private static final Set<String> KEYS = Set.of("folder", "buffer", "write_timeout");

  @Override
  public String name() {
    return "file";
  }

  @Override
  public MetricsSink open(Definition definition, DestinationContext context) throws InvalidDefinitionException {
    definition.requireOnly(KEYS);
    Path folder = context.logDir();
    String configured = definition.string("folder", null);
    if (configured != null) {
      try {
        if (configured.isBlank() || configured.indexOf('\0') >= 0) {
          throw new InvalidPathException(configured, "empty");
        }
        folder = context.logDir().resolve(configured);
      } catch (InvalidPathException e) {
        throw definition.error("folder", "is " + Definition.describe(configured) + ", expected a folder path");
      }
    }
    FilePipeline pipeline = new FilePipeline(new DayFileAppender(folder), context.host());
    return BufferedSink.start("file:" + definition.path(), pipeline, DestinationSettings.buffer(definition),
        DestinationSettings.writeTimeout(definition), context.timeSource());
  }
}
