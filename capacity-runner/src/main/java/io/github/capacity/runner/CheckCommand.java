package io.github.capacity.runner;

import io.github.capacity.api.Definition;
import io.github.capacity.api.DestinationContext;
import io.github.capacity.api.InvalidDefinitionException;
import io.github.capacity.api.MetricsDestination;
import io.github.capacity.api.MetricsSink;
import io.github.capacity.api.PreparedTest;
import io.github.capacity.api.TestContext;
import io.github.capacity.api.TestType;
import io.github.capacity.api.TimeSource;
import io.github.capacity.core.PluginCalls;
import io.github.capacity.core.config.ConfigSource;
import io.github.capacity.core.config.ConfigError;
import io.github.capacity.core.config.ConfigException;
import io.github.capacity.core.config.ConfigFiles;
import io.github.capacity.core.config.DefinitionsFile;
import io.github.capacity.core.config.Settings;
import io.github.capacity.core.config.SettingsTable;
import io.github.capacity.core.config.TestLine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code capacity check [FILE...]}: validates the settings, the plugins, every test and
 * destination definition and every configuration line, prints the plan on stdout and every
 * problem on stderr as {@code file:line: message}. Exits 1 when anything is wrong; an unknown
 * destination is only a warning, since the run falls back to {@code default.destination}.
 *
 * <p>Named files replace what the settings point at. {@code --settings}, {@code --tests}, {@code
 * --destinations} or {@code --lines} before a file says what it is; otherwise a name containing
 * {@code .properties} is read as the settings, one containing {@code .json} as {@code
 * destinations.file} when it also contains {@code destination} and as {@code tests.file} otherwise,
 * anything else (a file or a folder) as configuration lines. So it serves as a
 * configuration-management validate command for any of these files, under a temporary name too.
 */
final class CheckCommand {
  private static final java.util.Set<String> KINDS =
      java.util.Set.of("--settings", "--tests", "--destinations", "--lines");

  private final Path home;
  private final String version;
  private final PrintStream out;
  private final PrintStream err;
  private final List<ConfigError> errors = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  CheckCommand(Path home, String version, PrintStream out, PrintStream err) {
    this.home = home;
    this.version = version;
    this.out = out;
    this.err = err;
  }

  int run(List<String> files) {
    Path settingsFile = null;
    Path testsFile = null;
    Path destinationsFile = null;
    List<Path> configPaths = new ArrayList<>();
    String as = null;
    for (String name : files) {
      if (as == null && KINDS.contains(name)) {
        as = name;
        continue;
      }
      Path file = Path.of(name);
      String base = file.getFileName() == null ? name : file.getFileName().toString();
      String kind = as != null ? as
          : base.contains(".properties") ? "--settings"
          : base.contains(".json") ? (base.contains("destination") ? "--destinations" : "--tests")
          : "--lines";
      as = null;
      if (!Files.exists(file)) {
        errors.add(new ConfigError(name, 0, "does not exist"));
        continue;
      }
      switch (kind) {
        case "--settings" -> settingsFile = file;
        case "--tests" -> testsFile = file;
        case "--destinations" -> destinationsFile = file;
        default -> configPaths.add(file);
      }
    }
    if (as != null) {
      err.println("capacity check: " + as + " needs a file");
      return ExitCode.USAGE;
    }

    Settings settings = settings(settingsFile);
    Plugins plugins = PluginLoader.load(CheckCommand.class.getClassLoader(), settings.pluginsDir());
    plugins.problems().forEach(p -> errors.add(new ConfigError(String.valueOf(settings.pluginsDir()), 0, p)));

    DefinitionsFile tests = DefinitionsFile.read(testsFile != null ? testsFile : settings.testsFile());
    errors.addAll(tests.errors());
    checkTests(tests, plugins.testTypes(), settings);
    DefinitionsFile destinations = DefinitionsFile.read(
        destinationsFile != null ? destinationsFile : settings.destinationsFile());
    errors.addAll(destinations.errors());
    checkDestinations(destinations, plugins.destinations(), settings);

    List<TestLine> lines = new ArrayList<>();
    for (Path path : configPaths.isEmpty() ? List.of(settings.configPath()) : configPaths) {
      ConfigSource.Snapshot snapshot = ConfigFiles.read(path);
      errors.addAll(snapshot.errors());
      lines.addAll(snapshot.lines());
    }
    printPlan(settings, plugins, lines, tests.definitions(), destinations.definitions());

    warnings.forEach(w -> err.println("warning: " + w));
    errors.forEach(e -> err.println(e));
    if (!errors.isEmpty()) {
      err.println("capacity check: " + errors.size() + (errors.size() == 1 ? " error" : " errors"));
      return ExitCode.CONFIG_ERROR;
    }
    out.println("capacity check: ok");
    return ExitCode.OK;
  }

  private Settings settings(Path settingsFile) {
    try {
      return settingsFile != null ? Settings.load(settingsFile, home) : Settings.fromEnvironment(home);
    } catch (ConfigException e) {
      errors.addAll(e.errors());
      return Settings.defaults(home); // check the other files all the same
    }
  }

  private void checkTests(DefinitionsFile tests, Map<String, TestType> types, Settings settings) {
    TestContext context = new TestContext(hostName(settings), version, settings.maxInFlight(), TimeSource.system());
    tests.definitions().forEach((name, definition) -> {
      TestType type = types.get(definition.type());
      if (type == null) {
        errors.add(new ConfigError(definition.source(), tests.lineOf(name), "test \"" + name
            + "\" has type \"" + definition.type() + "\", which is not installed; expected one of "
            + Plugins.names(types.keySet())));
        return;
      }
      try {
        PreparedTest prepared = type.prepare(definition, context); // only to validate
        if (prepared == null) {
          throw new NullPointerException("prepare() returned null, expected a PreparedTest");
        }
        prepared.close();
      } catch (InvalidDefinitionException e) {
        errors.add(tests.errorFor(e));
      } catch (Throwable e) {
        PluginCalls.rethrowIfFatal(e);
        errors.add(new ConfigError(definition.source(), tests.lineOf(name), "test \"" + name
            + "\": the " + definition.type() + " plugin " + PluginCalls.describe(type) + " failed: " + e));
      }
    });
  }

  private void checkDestinations(DefinitionsFile destinations, Map<String, MetricsDestination> types,
      Settings settings) {
    Path scratch;
    try {
      // Opening validates; the sinks write nothing, but the file destination may create its folder.
      scratch = Files.createTempDirectory("capacity-check");
    } catch (IOException e) {
      errors.add(new ConfigError(System.getProperty("java.io.tmpdir"), 0, "cannot create a temporary folder: " + e));
      return;
    }
    try {
      DestinationContext context = new DestinationContext(hostName(settings), scratch, TimeSource.system());
      destinations.definitions().forEach((name, definition) -> {
        MetricsDestination type = types.get(definition.type());
        if (type == null) {
          errors.add(new ConfigError(definition.source(), destinations.lineOf(name), "destination \""
              + name + "\" has type \"" + definition.type() + "\", which is not installed; expected one of "
              + Plugins.names(types.keySet())));
          return;
        }
        try {
          MetricsSink sink = type.open(definition, context);
          if (sink == null) {
            throw new NullPointerException("open() returned null, expected a MetricsSink");
          }
          sink.close(Duration.ZERO);
        } catch (InvalidDefinitionException e) {
          errors.add(destinations.errorFor(e));
        } catch (Throwable e) {
          PluginCalls.rethrowIfFatal(e);
          errors.add(new ConfigError(definition.source(), destinations.lineOf(name), "destination \""
              + name + "\": the " + definition.type() + " plugin " + PluginCalls.describe(type)
              + " failed: " + e));
        }
      });
    } finally {
      Folders.deleteTree(scratch); // check runs from configuration management, often: leave no litter
    }
  }

  /** The host name for the plugins' contexts: {@code host}, else this machine's name. */
  private static String hostName(Settings settings) {
    if (settings.host() != null) {
      return settings.host();
    }
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  private static java.util.Set<String> allNames(Map<String, Definition> destinations, Plugins plugins) {
    java.util.Set<String> names = new java.util.TreeSet<>(destinations.keySet());
    names.addAll(plugins.destinations().keySet());
    return names;
  }

  private void printPlan(Settings settings, Plugins plugins, List<TestLine> lines,
      Map<String, Definition> tests, Map<String, Definition> destinations) {
    out.println("settings: " + (settings.source() == null ? "built-in defaults" : settings.source()));
    out.println("test types: " + Plugins.names(plugins.testTypes().keySet())
        + "; destinations: " + Plugins.names(plugins.destinations().keySet()));
    out.println("plan: " + lines.size() + (lines.size() == 1 ? " test" : " tests"));
    for (TestLine line : lines) {
      Definition test = tests.get(line.testType());
      String destination = line.destination();
      if (!destinations.containsKey(destination) && !plugins.destinations().containsKey(destination)) {
        String unknown = "metrics_destination \"" + destination + "\" is not defined in "
            + settings.destinationsFile() + " nor built in";
        if (settings.get(SettingsTable.DESTINATIONS_STRICT)) {
          errors.add(new ConfigError(line.source(), line.line(), unknown + " (destinations.strict"
              + " is true); expected one of " + Plugins.names(allNames(destinations, plugins))));
          destination = destination + " (unknown: refused)";
        } else {
          warnings.add(line.where() + ": " + unknown + "; the run falls back to default.destination \""
              + settings.defaultDestination() + "\"");
          destination = settings.defaultDestination() + " (fallback for " + line.destination() + ")";
        }
      }
      if (test == null) {
        errors.add(new ConfigError(line.source(), line.line(), "test_type \"" + line.testType()
            + "\" is not defined in " + settings.testsFile() + "; expected one of "
            + Plugins.names(tests.keySet())));
      }
      out.printf("  %-30s %s %d/min -> %s  (%s)%n", line.testName(),
          line.testType() + (test == null ? " (undefined)" : " (" + test.type() + ")"),
          line.frequency(), destination, line.where());
    }
  }
}
