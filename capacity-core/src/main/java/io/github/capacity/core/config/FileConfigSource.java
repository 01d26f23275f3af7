package io.github.capacity.core.config;

import io.github.capacity.core.pacing.Fleet;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The configuration lines in {@code config.path}, read afresh at each {@link #read()} so that the
 * engine sees files created, changed and removed by configuration management. Never throws: a
 * file that cannot be read becomes a {@link ConfigError}. Thread safe (it keeps no state).
 */
public final class FileConfigSource implements ConfigSource {
  private final Path configPath;
  private final Fleet fleet;

  /**
   * A source on a host with no fleet settings: fleet-wide rates are refused.
   *
   * @param configPath a file, a folder of {@code *.conf} files, or a path that may appear later
   */
  public FileConfigSource(Path configPath) {
    this(configPath, null);
  }

  /**
   * @param configPath a file, a folder of {@code *.conf} files, or a path that may appear later
   * @param fleet this host's place in its fleet, or {@code null} when the settings give none
   */
  public FileConfigSource(Path configPath, Fleet fleet) {
    this.configPath = Objects.requireNonNull(configPath, "configPath");
    this.fleet = fleet;
  }

  /** The path this source reads. */
  public Path configPath() {
    return configPath;
  }

  @Override
  public Snapshot read() {
    try {
      return ConfigFiles.read(configPath, fleet);
    } catch (RuntimeException e) {
      // ConfigFiles already turns I/O failures into errors; this guards the engine's scheduler
      // thread against any other surprise from the file system provider.
      return new Snapshot(List.of(), List.of(new ConfigError(configPath.toString(), 0,
          "cannot be read (" + ConfigFiles.reason(e) + "), expected a readable file or folder")));
    }
  }

  @Override
  public String toString() {
    return "FileConfigSource(" + configPath + ")";
  }
}
