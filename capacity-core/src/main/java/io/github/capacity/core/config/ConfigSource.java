package io.github.capacity.core.config;

import java.util.List;

/**
 * Where the engine reads its configuration lines. The engine calls {@link #read()} when it starts
 * and again each time it is told the configuration changed ({@code CapacityEngine.configChanged()}),
 * on its own scheduler thread. The file-based source reads {@code config.path}; an embedding
 * program can supply lines from anywhere.
 *
 * <p>Implementations are thread safe.
 */
@FunctionalInterface
public interface ConfigSource {

  /** The lines in force now, and the errors of those refused. Must not throw. */
  Snapshot read();

  /** A fixed set of lines. */
  static ConfigSource of(List<TestLine> lines) {
    Snapshot snapshot = new Snapshot(List.copyOf(lines), List.of());
    return () -> snapshot;
  }

  /**
   * What a source holds at one moment.
   *
   * @param lines the valid lines, in file and line order
   * @param errors the lines refused, each with its {@code file:line}
   */
  record Snapshot(List<TestLine> lines, List<ConfigError> errors) {
    public Snapshot {
      lines = List.copyOf(lines);
      errors = List.copyOf(errors);
    }
  }
}
