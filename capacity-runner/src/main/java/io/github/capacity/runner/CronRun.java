package io.github.capacity.runner;

import io.github.capacity.api.TimeSource;
import io.github.capacity.core.CapacityEngine;
import io.github.capacity.core.RunSummary;
import io.github.capacity.core.config.ConfigError;
import io.github.capacity.core.config.ConfigException;
import io.github.capacity.core.config.DefinitionsFile;
import io.github.capacity.core.config.Settings;
import io.github.capacity.core.limit.InstanceLimiter;
import io.github.capacity.core.limit.MinuteClaim;
import io.github.capacity.core.watch.FileWatcher;
import io.github.capacity.runner.logging.LogOutput;
import io.github.capacity.runner.logging.Printable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cron job, SPEC section 4: stop file, instance slot, settings and plugins, the minute's
 * claim, watching the files, one calendar minute run by the core's engine, exit. Stdout stays
 * empty; each distinct problem reaches stderr once.
 */
final class CronRun {
  private static final Logger LOG = LoggerFactory.getLogger(CronRun.class);
  /** How long a SIGTERM waits for the run to cancel, flush and return. */
  private static final long SHUTDOWN_WAIT_SECONDS = 5;

  private final Path home;
  private final String version;
  private final PrintStream stderr;
  private final TimeSource time = TimeSource.system();

  CronRun(Path home, String version, PrintStream stderr) {
    this.home = home;
    this.version = version;
    this.stderr = stderr;
  }

  int run() {
    Settings settings;
    try {
      settings = Settings.fromEnvironment(home);
    } catch (ConfigException e) {
      e.errors().forEach(error -> stderr.println("capacity: " + Printable.line(error.toString())));
      return ExitCode.CONFIG_ERROR;
    }
    if (Files.exists(settings.stopFile())) {
      return ExitCode.STOPPED; // the kill switch: no traffic, no output
    }
    LogOutput log = LogOutput.get();
    log.toFile(settings.logDir());
    ClassDataSharing.checkArchive();
    InstanceLimiter limiter = new InstanceLimiter(settings.lockDir(), settings.maxInstances());
    Optional<InstanceLimiter.Slot> slot;
    try {
      slot = limiter.tryAcquire();
    } catch (IOException e) {
      LOG.error("cannot take an instance slot in {} (lock.dir): {}", settings.lockDir(), e.toString());
      return ExitCode.FAILURE;
    }
    if (slot.isEmpty()) {
      LOG.warn("no instance slot free in {}: max.instances={} instances are running",
          settings.lockDir(), settings.maxInstances());
      stderr.println("capacity: " + settings.maxInstances() + " instances (max.instances) are "
          + "already running, locks in " + settings.lockDir() + "; not starting");
      return ExitCode.NO_SLOT;
    }
    try (InstanceLimiter.Slot held = slot.get()) {
      LOG.debug("instance slot {} taken", held.index());
      return runMinute(settings);
    } catch (IOException e) {
      LOG.error("cannot release the instance slot in {}: {}", settings.lockDir(), e.toString());
      return ExitCode.FAILURE;
    }
  }

  private int runMinute(Settings settings) throws IOException {
    Plugins plugins = PluginLoader.load(CronRun.class.getClassLoader(), settings.pluginsDir());
    plugins.problems().forEach(problem -> LOG.error("plugin: {}", problem));
    DefinitionsFile tests = DefinitionsFile.read(settings.testsFile());
    DefinitionsFile destinations = DefinitionsFile.read(settings.destinationsFile());
    boolean configOk = report(tests) & report(destinations);

    MinuteClaim claim = new MinuteClaim(settings.lockDir());
    long minute = time.wallMillis() / 60_000 * 60_000;
    if (!claim.tryClaim(minute)) {
      LOG.info("minute {} already run by another instance on this host; exiting", minute);
      return ExitCode.OK;
    }
    try (CapacityEngine engine = EngineWiring.builder(settings, version, time, plugins, tests, destinations)
        .build();
        FileWatcher watcher = new FileWatcher(settings.configPath(), settings.stopFile(),
            new EngineListener(engine))) {
      watcher.start();
      if (Files.exists(settings.stopFile())) {
        engine.stop(); // appeared before the watcher was looking
      }
      engine.prepare();
      // One full collection now, before anything is paced: the start-up's objects (a few MB,
      // many of them kept for the run) move to the old generation once, instead of being copied
      // and promoted by the first young collections in the middle of the load, where each
      // paused the scheduler for 6 ms and released a burst of starts behind it (bench/results).
      System.gc();
      // The minute claimed is the minute run, even if the claim happened in its last instant.
      // The report is logged before the hook lets a SIGTERM's exit go on.
      try (StopOnTerm onTerm =
          StopOnTerm.open(StopOnTerm.Hooks.RUNTIME, engine::stop, SHUTDOWN_WAIT_SECONDS)) {
        RunSummary summary = engine.runUntil(minute + 60_000);
        for (ConfigError problem : summary.problems()) {
          LOG.error("{}", problem);
          configOk = false;
        }
        if (summary.stopped()) {
          if (onTerm.terminated()) {
            LOG.info("stopped by SIGTERM");
          } else {
            LOG.info("stopped by the stop file {}", settings.stopFile());
          }
          return ExitCode.STOPPED;
        }
        return configOk && plugins.problems().isEmpty() ? ExitCode.OK : ExitCode.CONFIG_ERROR;
      }
    }
  }

  private boolean report(DefinitionsFile file) {
    file.errors().forEach(error -> LOG.error("{}", error));
    return file.errors().isEmpty();
  }

  /** Hands the watcher's events to the engine; both calls are safe from the watcher's thread. */
  private record EngineListener(CapacityEngine engine) implements FileWatcher.Listener {
    @Override
    public void configChanged() {
      engine.configChanged();
    }

    @Override
    public void stopFileAppeared() {
      engine.stop();
    }
  }
}
