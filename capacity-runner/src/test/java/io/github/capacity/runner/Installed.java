package io.github.capacity.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * For integration tests: the real distribution ({@code capacity-<version>.tar.gz}, built by
 * {@code package}), unpacked once per JVM, and a home folder of settings per test, with processes
 * of {@code bin/capacity} started against it.
 */
final class Installed {
  private static Path unpacked;

  final Path home;
  final Path confD;
  final Path stopFile;
  final Path logDir;
  final Path lockDir;
  final Path plugins;

  Installed(Path home) throws IOException {
    this.home = home;
    this.confD = Files.createDirectories(home.resolve("conf.d"));
    this.stopFile = home.resolve("stop");
    this.logDir = home.resolve("log");
    this.lockDir = home.resolve("lock");
    this.plugins = Files.createDirectories(home.resolve("plugins"));
    settings("");
    Files.writeString(home.resolve("destinations.json"), "{}\n");
  }

  /** The unpacked distribution's root, holding {@code bin/capacity}. */
  static synchronized Path distribution() throws IOException, InterruptedException {
    if (unpacked == null) {
      String tarball = System.getProperty("capacity.distribution");
      assertThat(tarball).as("system property capacity.distribution (set by failsafe)").isNotNull();
      Path target = TempTrees.deleteOnExit(Files.createTempDirectory("capacity-dist"));
      Process tar = new ProcessBuilder("tar", "-xzf", tarball, "-C", target.toString())
          .inheritIO().start();
      assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(tar.exitValue()).isZero();
      try (Stream<Path> roots = Files.list(target)) {
        unpacked = roots.findFirst().orElseThrow();
      }
    }
    return unpacked;
  }

  /** Writes {@code capacity.properties} pointing everything into the home, plus {@code extra}. */
  void settings(String extra) throws IOException {
    Files.writeString(home.resolve("capacity.properties"), String.join("\n",
        "config.path=conf.d",
        "stop.file=stop",
        "tests.file=tests.json",
        "destinations.file=destinations.json",
        "lock.dir=lock",
        "plugins.dir=plugins",
        "log.dir=log",
        "drain.timeout=2s",
        "trips.dir=trips",
        "spool.dir=spool",
        extra,
        ""), StandardCharsets.UTF_8);
  }

  void tests(String json) throws IOException {
    Files.writeString(home.resolve("tests.json"), json, StandardCharsets.UTF_8);
  }

  void line(String file, String line) throws IOException {
    Files.writeString(confD.resolve(file), line + "\n", StandardCharsets.UTF_8);
  }

  /** Starts {@code bin/capacity args}; its stdout and stderr go to files named after {@code tag}. */
  Run start(String tag, String... args) throws IOException, InterruptedException {
    return start(tag, Map.of(), args);
  }

  /** As {@link #start(String, String...)}, with {@code environment} set on top of the usual. */
  Run start(String tag, Map<String, String> environment, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(distribution().resolve("bin/capacity").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(home.resolve(tag + ".out").toFile())
        .redirectError(home.resolve(tag + ".err").toFile());
    Map<String, String> env = builder.environment();
    env.put("CAPACITY_SETTINGS", home.resolve("capacity.properties").toString());
    env.put("CAPACITY_CDS_DIR", distribution().resolve("var/cds").toString());
    env.putAll(environment);
    return new Run(builder.start(), home.resolve(tag + ".out"), home.resolve(tag + ".err"));
  }

  /** Runs {@code bin/capacity args} to the end, within {@code timeout}. */
  Run run(Duration timeout, String... args) throws IOException, InterruptedException {
    Run run = start("run-" + System.nanoTime(), args);
    run.waitFor(timeout);
    return run;
  }

  /** One started process. */
  record Run(Process process, Path out, Path err) {
    void waitFor(Duration timeout) throws InterruptedException {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("bin/capacity still running after " + timeout);
      }
    }

    int exitCode() {
      return process.exitValue();
    }

    String stdout() throws IOException {
      return Files.readString(out);
    }

    String stderr() throws IOException {
      return Files.readString(err);
    }
  }

  /** Polls {@code condition} every 20 ms until it holds; fails after {@code timeout}. */
  static void await(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      TimeUnit.MILLISECONDS.sleep(20); // polling a real process, not waiting for time to pass
    }
  }

  /** Waits until the wall clock's second within the minute is in {@code [from, to)}. */
  static void awaitSecondOfMinute(int from, int to) throws InterruptedException {
    await(Duration.ofSeconds(61), "second " + from + " of a minute", () -> {
      long second = System.currentTimeMillis() / 1000 % 60;
      return second >= from && second < to;
    });
  }
}
