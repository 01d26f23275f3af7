package io.github.capacity.runner;

import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.TimeSource;
import io.github.capacity.core.CapacityEngine;
import io.github.capacity.core.RunSummary;
import io.github.capacity.core.config.ConfigException;
import io.github.capacity.core.config.DefinitionsFile;
import io.github.capacity.core.config.Settings;
import io.github.capacity.report.ReportCommand;
import io.github.capacity.runner.logging.LogOutput;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code capacity demo [SECONDS]}: a self-contained run. It starts {@link DemoTarget}, writes a
 * temporary home (settings, a configuration line, {@code tests.json}), runs one test at 600 a
 * minute to the {@code file} destination for 20 seconds (or {@code SECONDS}, 5 to 50), prints a
 * progress line each second and a summary table, names the results file, and ends by writing
 * {@code report.html} from it ({@code capacity report}) and printing its path.
 */
final class DemoCommand {
  static final int RATE_PER_MINUTE = 600;
  private static final String TEST_NAME = "demo.homepage";

  private final String version;
  private final PrintStream out;
  private final PrintStream err;
  private final TimeSource time = TimeSource.system();

  DemoCommand(String version, PrintStream out, PrintStream err) {
    this.version = version;
    this.out = out;
    this.err = err;
  }

  int run(List<String> args) {
    int seconds = 20;
    if (!args.isEmpty()) {
      try {
        seconds = Integer.parseInt(args.get(0));
      } catch (NumberFormatException e) {
        seconds = -1;
      }
      if (seconds < 5 || seconds > 50 || args.size() > 1) {
        err.println("capacity demo: expected a duration in seconds from 5 to 50, got " + String.join(" ", args));
        return ExitCode.USAGE;
      }
    }
    try (DemoTarget target = new DemoTarget()) {
      Path home = Files.createTempDirectory("capacity-demo");
      Settings settings = writeHome(home, target.url());
      LogOutput.get().toFile(settings.logDir());
      return run(home, settings, seconds);
    } catch (IOException e) {
      err.println("capacity demo: " + e);
      return ExitCode.FAILURE;
    } catch (ConfigException e) {
      e.errors().forEach(error -> err.println("capacity demo: " + error));
      return ExitCode.FAILURE;
    }
  }

  private int run(Path home, Settings settings, int seconds) {
    Plugins plugins = PluginLoader.load(DemoCommand.class.getClassLoader(), null);
    plugins.problems().forEach(p -> err.println("capacity demo: " + p));
    DefinitionsFile tests = DefinitionsFile.read(settings.testsFile());
    DefinitionsFile destinations = DefinitionsFile.read(settings.destinationsFile());
    DemoProgress progress = new DemoProgress();
    out.println("capacity demo: " + TEST_NAME + " at " + RATE_PER_MINUTE + "/min for " + seconds
        + " s against " + tests.definitions().get("homepage").settings().get("url"));
    out.println("home: " + home);
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "demo-progress");
      thread.setDaemon(true);
      return thread;
    });
    long startMillis = time.wallMillis();
    RunSummary summary;
    try (CapacityEngine engine = EngineWiring.builder(settings, version, time, plugins, tests, destinations)
        .resultListener(progress)
        .build()) {
      ticker.scheduleAtFixedRate(
          () -> out.println(progress.line((time.wallMillis() - startMillis + 500) / 1000)),
          1, 1, TimeUnit.SECONDS);
      summary = engine.runUntil(startMillis + seconds * 1000L);
    } finally {
      ticker.shutdownNow();
    }
    printSummary(summary, progress);
    resultsFile(settings.logDir()).ifPresent(file -> out.println("results: " + file));
    out.println("log: " + settings.logDir().resolve("capacity.log"));
    summary.problems().forEach(p -> err.println("capacity demo: " + p));
    List<String> reportArgs = List.of(settings.logDir().toString(), "-o", home.resolve("report.html").toString());
    int report = ReportCommand.run(reportArgs, settings::logDir, version, out, err);
    return progress.ok() > 0 && summary.problems().isEmpty() && report == ReportCommand.OK
        ? ExitCode.OK : ExitCode.FAILURE;
  }

  /**
   * One row per test. The engine's {@code planned} and {@code skipped} count from the start of
   * the calendar minute, which a demo started mid-minute never ran; so they are left out here. A
   * demo that crosses a minute has two accounts per test: they are added up.
   */
  private void printSummary(RunSummary summary, DemoProgress progress) {
    out.println();
    out.printf(Locale.ROOT, "%-16s %10s %8s %8s %8s %10s %10s %10s %10s%n", "test", "executions",
        "ok", "failed", "dropped", "p50", "p90", "p99", "max");
    Map<String, long[]> byTest = new LinkedHashMap<>();
    for (MinuteAccount a : summary.accounts()) {
      long[] sums = byTest.computeIfAbsent(a.testName(), name -> new long[4]);
      sums[0] += a.started();
      sums[1] += a.ok();
      sums[2] += a.failed();
      sums[3] += a.dropped();
    }
    byTest.forEach((test, sums) -> out.printf(Locale.ROOT,
        "%-16s %10d %8d %8d %8d %10s %10s %10s %10s%n", test, sums[0], sums[1], sums[2], sums[3],
        progress.millis(50), progress.millis(90), progress.millis(99), progress.maxMillis()));
    if (summary.accounts().isEmpty()) {
      out.println("(no test ran)");
    }
  }

  /** Writes the demo's settings, configuration line and test, and reads the settings back. */
  static Settings writeHome(Path home, String url) throws IOException, ConfigException {
    Path conf = Files.createDirectories(home.resolve("conf.d"));
    Files.createDirectories(home.resolve("plugins"));
    Files.writeString(conf.resolve("demo.conf"),
        "# test_name|test_type|test_frequency|metrics_destination\n"
            + TEST_NAME + "|homepage|" + RATE_PER_MINUTE + "|file\n", StandardCharsets.UTF_8);
    Files.writeString(home.resolve("tests.json"), "{\n  \"homepage\": {\"type\": \"http\", \"url\": \""
        + url + "\", \"method\": \"GET\", \"timeout\": \"2s\", \"expect\": {\"status\": [\"2xx\"]}}\n}\n",
        StandardCharsets.UTF_8);
    Files.writeString(home.resolve("destinations.json"), "{}\n", StandardCharsets.UTF_8);
    Path properties = home.resolve("capacity.properties");
    Files.writeString(properties, String.join("\n",
        "config.path=" + conf,
        "stop.file=" + home.resolve("stop"),
        "tests.file=" + home.resolve("tests.json"),
        "destinations.file=" + home.resolve("destinations.json"),
        "lock.dir=" + home.resolve("lock"),
        "plugins.dir=" + home.resolve("plugins"),
        "log.dir=" + home.resolve("log"),
        "default.destination=file",
        "catch_up=skip", // the rate stays the one shown, wherever in the minute the demo starts
        ""), StandardCharsets.UTF_8);
    return Settings.load(properties, home);
  }

  /** The file destination's newest output in {@code logDir}: anything but the log itself. */
  static Optional<Path> resultsFile(Path logDir) {
    try (Stream<Path> files = Files.walk(logDir)) {
      return files.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().startsWith("capacity.log"))
          .max(Comparator.comparingLong(DemoCommand::modifiedMillis));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static long modifiedMillis(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }
}
