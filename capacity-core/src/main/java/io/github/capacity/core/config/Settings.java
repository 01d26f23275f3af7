package io.github.capacity.core.config;

import io.github.capacity.core.pacing.CatchUp;
import io.github.capacity.core.pacing.Fleet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of one installation, from {@code capacity.properties} or built-in defaults. Every
 * key is declared once in {@link SettingsTable}, with its default and what it accepts; {@link
 * #get} reads any of them, and the accessors below are shorthands for the ones the engine and the
 * runner use everywhere. Relative paths in the file are resolved against the file's folder.
 * Immutable.
 */
public final class Settings {
  private final Path source;
  private final Map<Setting<?>, Object> values;

  /** The system property naming the settings file. */
  public static final String PROPERTY = "capacity.settings";
  /** The environment variable naming the settings file, when the property is not set. */
  public static final String ENVIRONMENT_VARIABLE = "CAPACITY_SETTINGS";
  /** Where the settings file is looked for when neither names one. */
  public static final Path DEFAULT_FILE = Path.of("/etc/capacity/capacity.properties");

  /** @param values a value for every key of {@link SettingsTable#ALL} */
  Settings(Path source, Map<Setting<?>, Object> values) {
    this.source = source;
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    for (Setting<?> setting : SettingsTable.ALL) {
      if (!this.values.containsKey(setting)) {
        throw new IllegalArgumentException("no value for " + setting.key());
      }
    }
  }

  /** The built-in defaults; plugins are looked for in {@code installDir/plugins}. */
  public static Settings defaults(Path installDir) {
    return SettingsParser.defaults(installDir);
  }

  /**
   * Reads a settings file; keys it does not set keep their defaults.
   *
   * @throws ConfigException listing every bad line, or the file when it cannot be read
   */
  public static Settings load(Path file, Path installDir) throws ConfigException {
    return SettingsParser.load(file, installDir);
  }

  /**
   * Which settings file to load: the one named by the system property {@value #PROPERTY}, else by
   * the environment variable {@value #ENVIRONMENT_VARIABLE}, else {@link #DEFAULT_FILE} if it
   * exists, else {@code null} for the built-in defaults.
   *
   * @param systemPropertyValue the property's value, or {@code null}
   * @throws ConfigException when the property or the variable names a file that does not exist:
   *     the operator asked for it, so silently falling back would hide the mistake
   */
  public static Path locate(String systemPropertyValue, Map<String, String> environment)
      throws ConfigException {
    return locate(systemPropertyValue, environment, DEFAULT_FILE);
  }

  static Path locate(String systemPropertyValue, Map<String, String> environment, Path defaultFile)
      throws ConfigException {
    if (systemPropertyValue != null && !systemPropertyValue.isBlank()) {
      return existing(systemPropertyValue.strip(), "system property " + PROPERTY);
    }
    String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return existing(fromEnvironment.strip(), "environment variable " + ENVIRONMENT_VARIABLE);
    }
    return Files.exists(defaultFile) ? defaultFile : null;
  }

  private static Path existing(String name, String namedBy) throws ConfigException {
    Path file;
    try {
      file = Path.of(name);
    } catch (RuntimeException e) {
      throw new ConfigException(new ConfigError(name, 0,
          "is not a valid path (named by " + namedBy + "), expected a capacity.properties file"));
    }
    if (!Files.exists(file)) {
      throw new ConfigException(new ConfigError(name, 0,
          "does not exist (named by " + namedBy + "), expected a capacity.properties file"));
    }
    return file;
  }

  /**
   * Loads the settings the way the cron job does: {@link #locate} with the real system property
   * and environment, then {@link #load} or {@link #defaults}.
   */
  public static Settings fromEnvironment(Path installDir) throws ConfigException {
    Path file = locate(System.getProperty(PROPERTY), System.getenv());
    return file == null ? defaults(installDir) : load(file, installDir);
  }

  /** Every key a settings file may set, in documentation order. */
  public static List<String> keys() {
    return SettingsTable.keys();
  }

  /** The value of {@code setting}: from the file, else its default. */
  @SuppressWarnings("unchecked")
  public <T> T get(Setting<T> setting) {
    if (!values.containsKey(setting)) {
      throw new IllegalArgumentException("not a key of SettingsTable: " + setting.key());
    }
    return (T) values.get(setting);
  }

  /** The settings file, or {@code null} for built-in defaults. */
  public Path source() {
    return source;
  }

  /** {@code config.path}: a file or a folder of {@code *.conf} files. */
  public Path configPath() {
    return get(SettingsTable.CONFIG_PATH);
  }

  /** {@code stop.file}: its existence stops every test. */
  public Path stopFile() {
    return get(SettingsTable.STOP_FILE);
  }

  public Path testsFile() {
    return get(SettingsTable.TESTS_FILE);
  }

  public Path destinationsFile() {
    return get(SettingsTable.DESTINATIONS_FILE);
  }

  /** {@code lock.dir}: where instance slots are locked. */
  public Path lockDir() {
    return get(SettingsTable.LOCK_DIR);
  }

  /** {@code trips.dir}: where trip records keep tripped tests stopped across runs. */
  public Path tripsDir() {
    return get(SettingsTable.TRIPS_DIR);
  }

  public int maxInstances() {
    return get(SettingsTable.MAX_INSTANCES);
  }

  public Path pluginsDir() {
    return get(SettingsTable.PLUGINS_DIR);
  }

  public Path logDir() {
    return get(SettingsTable.LOG_DIR);
  }

  public CatchUp catchUp() {
    return get(SettingsTable.CATCH_UP);
  }

  public double catchUpMaxFactor() {
    return get(SettingsTable.CATCH_UP_MAX_FACTOR);
  }

  public int maxInFlight() {
    return get(SettingsTable.MAX_IN_FLIGHT);
  }

  public Duration drainTimeout() {
    return get(SettingsTable.DRAIN_TIMEOUT);
  }

  public String defaultDestination() {
    return get(SettingsTable.DEFAULT_DESTINATION);
  }

  public boolean metricsRequired() {
    return get(SettingsTable.METRICS_REQUIRED);
  }

  public Duration metricsRequiredAfter() {
    return get(SettingsTable.METRICS_REQUIRED_AFTER);
  }

  /** {@code spool.dir}: where destinations that can replay keep what they could not deliver. */
  public Path spoolDir() {
    return get(SettingsTable.SPOOL_DIR);
  }

  /** {@code spool.max_size}: bytes each destination's spool may hold; 0 when spooling is off. */
  public long spoolMaxBytes() {
    return get(SettingsTable.SPOOL_MAX_SIZE);
  }

  /** {@code host}: the host name used in metrics, or {@code null} for the machine's name. */
  public String host() {
    return get(SettingsTable.HOST);
  }

  /**
   * This host's place in its fleet ({@code fleet.size}, {@code fleet.index}), or {@code null} when
   * the settings give none: {@code fleet:} rates are then refused.
   */
  public Fleet fleet() {
    Integer size = get(SettingsTable.FLEET_SIZE);
    Integer index = get(SettingsTable.FLEET_INDEX);
    return size == null || index == null ? null : new Fleet(size, index);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Settings that && Objects.equals(source, that.source)
        && values.equals(that.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, values);
  }

  @Override
  public String toString() {
    return "Settings" + values + (source == null ? " (defaults)" : " from " + source);
  }
}
