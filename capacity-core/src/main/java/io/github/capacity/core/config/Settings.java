package io.github.capacity.core.config;

import io.github.capacity.core.pacing.CatchUp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of one installation, from {@code capacity.properties} or built-in defaults. Keys
 * and defaults are documented in {@code docs/configuration.md}; relative paths in the file are
 * resolved against the file's folder. Immutable.
 *
 * @param source the settings file, or {@code null} for built-in defaults
 * @param configPath {@code config.path}: a file or a folder of {@code *.conf} files
 * @param stopFile {@code stop.file}: its existence stops every test
 * @param testsFile {@code tests.file}
 * @param destinationsFile {@code destinations.file}
 * @param lockDir {@code lock.dir}: where instance slots are locked
 * @param maxInstances {@code max.instances}: how many runs may overlap on a host
 * @param pluginsDir {@code plugins.dir}: third-party plugin jars
 * @param logDir {@code log.dir}
 * @param catchUp {@code catch_up}
 * @param catchUpMaxFactor {@code catch_up.max_factor}: above 1, at most 10
 * @param maxInFlight {@code max_in_flight}: executions of one test running at once
 * @param drainTimeout {@code drain.timeout}: how long in-flight executions may finish after the minute
 * @param defaultDestination {@code default.destination}: used when a line names an unknown one
 * @param metricsRequired {@code metrics.required}
 * @param metricsRequiredAfter {@code metrics.required.after}
 * @param host {@code host}: the host name used in metrics, or {@code null} for the machine's name
 */
public record Settings(
    Path source,
    Path configPath,
    Path stopFile,
    Path testsFile,
    Path destinationsFile,
    Path lockDir,
    int maxInstances,
    Path pluginsDir,
    Path logDir,
    CatchUp catchUp,
    double catchUpMaxFactor,
    int maxInFlight,
    Duration drainTimeout,
    String defaultDestination,
    boolean metricsRequired,
    Duration metricsRequiredAfter,
    String host) {

  /** The system property naming the settings file. */
  public static final String PROPERTY = "capacity.settings";
  /** The environment variable naming the settings file, when the property is not set. */
  public static final String ENVIRONMENT_VARIABLE = "CAPACITY_SETTINGS";
  /** Where the settings file is looked for when neither names one. */
  public static final Path DEFAULT_FILE = Path.of("/etc/capacity/capacity.properties");

  public Settings {
    Objects.requireNonNull(configPath, "configPath");
    Objects.requireNonNull(stopFile, "stopFile");
    Objects.requireNonNull(testsFile, "testsFile");
    Objects.requireNonNull(destinationsFile, "destinationsFile");
    Objects.requireNonNull(lockDir, "lockDir");
    Objects.requireNonNull(pluginsDir, "pluginsDir");
    Objects.requireNonNull(logDir, "logDir");
    Objects.requireNonNull(catchUp, "catchUp");
    Objects.requireNonNull(drainTimeout, "drainTimeout");
    Objects.requireNonNull(defaultDestination, "defaultDestination");
    Objects.requireNonNull(metricsRequiredAfter, "metricsRequiredAfter");
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
    return SettingsParser.KEYS;
  }
}
