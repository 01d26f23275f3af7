package io.github.capacity.runner;

import io.github.capacity.api.TimeSource;
import io.github.capacity.core.CapacityEngine;
import io.github.capacity.core.Validation;
import io.github.capacity.core.config.ConfigError;
import io.github.capacity.core.config.ConfigException;
import io.github.capacity.core.config.ConfigFiles;
import io.github.capacity.core.config.DefinitionsFile;
import io.github.capacity.core.config.FileTrust;
import io.github.capacity.core.config.Settings;
import io.github.capacity.core.config.TestLine;
import io.github.capacity.core.guard.AbortRule;
import io.github.capacity.core.guard.AbortRules;
import io.github.capacity.core.guard.TripStore;
import io.github.capacity.core.pacing.Fleet;
import io.github.capacity.runner.logging.LogOutput;
import io.github.capacity.runner.logging.Printable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code capacity check [FILE...]}: validates the settings, the plugins, every test and
 * destination definition and every configuration line with the run's own validation ({@link
 * CapacityEngine#validate()}), prints the plan on stdout and every problem on stderr as {@code
 * file:line: message}. Exits 1 when anything is wrong; an unknown destination is only a warning,
 * since the run falls back to {@code default.destination}.
 *
 * <p>Named files replace what the settings point at ({@link CheckArguments}): a candidate
 * settings, tests or destinations file is checked with the installed others, and candidate lines
 * with the installed lines they do not replace, so that a test name repeated across files is
 * found before the run refuses it. A candidate settings file that cannot be used is refused
 * outright. So it serves as a configuration-management validate command for any of these files,
 * under a temporary name too.
 */
final class CheckCommand {
  private final Path home;
  private final String version;
  private final PrintStream out;
  private final PrintStream err;
  private final List<ConfigError> errors = new ArrayList<>();

  CheckCommand(Path home, String version, PrintStream out, PrintStream err) {
    this.home = home;
    this.version = version;
    this.out = out;
    this.err = err;
  }

  int run(List<String> words) {
    CheckArguments arguments = CheckArguments.parse(words);
    if (arguments.usageError != null) {
      err.println("capacity check: " + Printable.line(arguments.usageError));
      return ExitCode.USAGE;
    }
    errors.addAll(arguments.missing);
    Path settingsFile = arguments.settingsFile;
    Path testsFile = arguments.testsFile;
    Path destinationsFile = arguments.destinationsFile;

    Settings settings = settings(settingsFile);
    if (settings == null) {
      // A candidate settings file that cannot be used is refused; the other files would only be
      // checked against settings that are not the ones asked for.
      errors.forEach(e -> err.println(Printable.line(e.toString())));
      err.println("capacity check: the settings file " + settingsFile + " is refused");
      return ExitCode.CONFIG_ERROR;
    }
    Plugins plugins = PluginLoader.load(CheckCommand.class.getClassLoader(), settings.pluginsDir());
    plugins.problems().forEach(p -> errors.add(new ConfigError(String.valueOf(settings.pluginsDir()), 0, p)));
    DefinitionsFile tests = DefinitionsFile.read(testsFile != null ? testsFile : settings.testsFile());
    errors.addAll(tests.errors());
    DefinitionsFile destinations = DefinitionsFile.read(
        destinationsFile != null ? destinationsFile : settings.destinationsFile());
    errors.addAll(destinations.errors());
    List<Path> lines;
    try {
      lines = arguments.linesToRead(settings.configPath());
    } catch (IOException | RuntimeException e) {
      errors.add(new ConfigError(settings.configPath().toString(), 0,
          "cannot be listed (" + e + "), expected a readable file or folder of *.conf files"));
      lines = List.of();
    }

    Validation validation = validate(settings, plugins, tests, destinations, lines);
    errors.addAll(validation.errors());
    printPlan(settings, plugins, validation, AbortRules.of(tests.definitions()));
    List<String> tripWarnings = new ArrayList<>();
    TripsListing.print(new TripStore(settings.tripsDir()), TimeSource.system().wallMillis(), out, tripWarnings);

    validation.warnings().forEach(w -> err.println("warning: " + Printable.line(w.toString())));
    tripWarnings.forEach(w -> err.println("warning: " + Printable.line(w)));
    errors.forEach(e -> err.println(Printable.line(e.toString())));
    if (!errors.isEmpty()) {
      err.println("capacity check: " + errors.size() + (errors.size() == 1 ? " error" : " errors"));
      return ExitCode.CONFIG_ERROR;
    }
    out.println("capacity check: ok");
    return ExitCode.OK;
  }

  /**
   * The run's own validation: an engine wired as the cron job wires it, whose destinations open
   * in a scratch folder (opening validates; the file destination may create its folder there).
   */
  private Validation validate(Settings settings, Plugins plugins, DefinitionsFile tests,
      DefinitionsFile destinations, List<Path> lines) {
    Path scratch;
    try {
      scratch = Files.createTempDirectory("capacity-check");
    } catch (IOException e) {
      return new Validation(List.of(), List.of(new ConfigError(System.getProperty("java.io.tmpdir"),
          0, "cannot create a temporary folder: " + e)), List.of());
    }
    LogOutput log = LogOutput.get();
    LogOutput.StderrPolicy policy = log.stderrPolicy();
    log.stderrPolicy(LogOutput.StderrPolicy.NONE); // the engine logs what check prints below
    try (CapacityEngine engine = EngineWiring.builder(settings, version, TimeSource.system(),
            plugins, tests, destinations)
        .configSource(() -> ConfigFiles.readAll(lines, FileTrust.STRICT, settings.fleet()))
        .logDir(scratch)
        .build()) {
      return engine.validate();
    } finally {
      log.stderrPolicy(policy);
      Folders.deleteTree(scratch); // check runs from configuration management, often: leave no litter
    }
  }

  /** The settings; {@code null} when a named settings file cannot be used. */
  private Settings settings(Path settingsFile) {
    try {
      return settingsFile != null ? Settings.load(settingsFile, home) : Settings.fromEnvironment(home);
    } catch (ConfigException e) {
      errors.addAll(e.errors());
      // The installed settings are wrong: check the other files all the same, against defaults.
      return settingsFile != null ? null : Settings.defaults(home);
    }
  }

  private void printPlan(Settings settings, Plugins plugins, Validation validation, AbortRules abort) {
    out.println("settings: " + (settings.source() == null ? "built-in defaults" : settings.source()));
    out.println("test types: " + Plugins.names(plugins.testTypes().keySet())
        + "; destinations: " + Plugins.names(plugins.destinations().keySet()));
    Fleet fleet = settings.fleet();
    out.println("fleet: " + (fleet == null ? "none (fleet.size and fleet.index not set)" : fleet.place()));
    long nowMillis = TimeSource.system().wallMillis();
    List<Validation.PlannedTest> plan = validation.plan();
    out.println("plan: " + plan.size() + (plan.size() == 1 ? " test" : " tests"));
    for (Validation.PlannedTest test : plan) {
      TestLine line = test.line();
      String destination = test.fallback()
          ? test.destination() + " (fallback for " + line.destination() + ")" : test.destination();
      out.println(Printable.line(String.format("  %-30s %s %s -> %s  (%s)", line.testName(),
          line.testType() + (test.type() == null ? " (undefined)" : " (" + test.type() + ")"),
          RateText.summary(line.rate()), destination, line.where())));
      for (String detail : RateText.details(line.rate(), settings.fleet(), nowMillis)) {
        out.println(Printable.line("      " + detail));
      }
      AbortRule rule = abort.rules().get(line.testType());
      if (rule != null) {
        out.println(Printable.line("      abort: " + rule.describe()));
      }
    }
  }
}
