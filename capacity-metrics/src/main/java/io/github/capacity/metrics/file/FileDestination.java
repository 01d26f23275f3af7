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
  private static final Set<String> KEYS = Set.of("folder", "buffer", "write_timeout", "max_file_size");

  @Override
  public String name() {
    return "file";
  }

  /**
   * {@code max_file_size}: a day's file grows to at most this many bytes, a whole number or one
   * with a unit ({@code "500m"}, {@code "2g"}; k, m and g are powers of 1024); absent: no cap.
   */
  static long maxFileSize(Definition definition) throws InvalidDefinitionException {
    Object value = definition.settings().get("max_file_size");
    if (value == null) {
      return Long.MAX_VALUE;
    }
    String text = String.valueOf(value).trim().toLowerCase(java.util.Locale.ROOT);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,12})([kmg]?)").matcher(text);
    String expected = ", expected a size of at least 1m such as \"500m\" or \"2g\" (k, m, g: powers of 1024)";
    if (!(value instanceof Number || value instanceof String) || !m.matches()) {
      throw definition.error("max_file_size", "is " + Definition.describe(value) + expected);
    }
    int shift = switch (m.group(2)) {
      case "k" -> 10;
      case "m" -> 20;
      case "g" -> 30;
      default -> 0;
    };
    long bytes = Long.parseLong(m.group(1));
    if (bytes > (Long.MAX_VALUE >> shift) || (bytes << shift) < (1L << 20)) {
      throw definition.error("max_file_size", "is " + Definition.describe(value) + expected);
    }
    return bytes << shift;
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
    DayFileAppender appender = new DayFileAppender(folder, maxFileSize(definition));
    FilePipeline pipeline = new FilePipeline(appender, context.host());
    return BufferedSink.start("file:" + definition.path(), pipeline, DestinationSettings.buffer(definition),
        DestinationSettings.writeTimeout(definition), context.timeSource());
  }
}
