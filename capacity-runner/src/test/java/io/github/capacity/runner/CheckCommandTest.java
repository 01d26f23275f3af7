package io.github.capacity.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code capacity check} in this JVM: options, candidates beside the installed files. */
class CheckCommandTest {
  @TempDir Path home;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private Path settings;
  private Path confD;

  @BeforeEach
  void install() throws IOException {
    confD = Files.createDirectory(home.resolve("conf.d"));
    settings = Files.writeString(home.resolve("capacity.properties"), String.join("\n",
        "config.path=conf.d", "stop.file=stop", "tests.file=tests.json",
        "destinations.file=destinations.json", "lock.dir=lock", "plugins.dir=plugins",
        "log.dir=log", ""));
    Files.writeString(home.resolve("tests.json"),
        "{\"home\": {\"type\": \"http\", \"url\": \"http://127.0.0.1:9/\"}}\n");
    Files.writeString(confD.resolve("shop.conf"), "shop.home|home|60|file\n");
  }

  private int check(String... args) {
    return new CheckCommand(home, "test", new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of(args));
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    assertThat(check("--settings", settings.toString(), "--bogus")).isEqualTo(ExitCode.USAGE);

    assertThat(stderr()).isEqualTo("capacity check: unknown option \"--bogus\"; expected --settings,"
        + " --tests, --destinations, --lines or --replaces before a file" + System.lineSeparator());
  }

  @Test
  void aBadCandidateSettingsFileIsRefusedNotReplacedByDefaults() throws IOException {
    Path bad = Files.writeString(home.resolve("candidate.properties"), "max.instances = lots\n");

    assertThat(check("--settings", bad.toString())).isEqualTo(ExitCode.CONFIG_ERROR);

    assertThat(stderr()).startsWith(bad + ":1: max.instances ")
        .endsWith("capacity check: the settings file " + bad + " is refused" + System.lineSeparator());
    assertThat(out.size()).as("no plan from settings that were not asked for").isZero();
  }

  @Test
  void candidateLinesAreCheckedWithTheInstalledOnesAndTheErrorNamesTheCandidate() throws IOException {
    Path candidate = Files.writeString(home.resolve("tmp-4711"), "cart|home|6|file\nshop.home|home|1|file\n");

    assertThat(check("--settings", settings.toString(), candidate.toString()))
        .isEqualTo(ExitCode.CONFIG_ERROR);

    assertThat(stderr()).startsWith(candidate + ":2: test_name \"shop.home\" is already defined at "
        + confD.resolve("shop.conf") + ":1");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("plan: 2 tests");
  }

  @Test
  void aCandidateReplacesTheInstalledFileItNamesOrIsNamedAfter() throws IOException {
    Path temporary = Files.writeString(home.resolve("shop.conf20261203-42-x1"), "shop.home|home|120|file\n");
    Path other = Files.writeString(home.resolve("tmp-4711"), "shop.home|home|120|file\n");

    assertThat(check("--settings", settings.toString(), temporary.toString())).isEqualTo(ExitCode.OK);
    assertThat(check("--settings", settings.toString(), "--replaces", confD.resolve("shop.conf").toString(),
        other.toString())).isEqualTo(ExitCode.OK);
    assertThat(stderr()).isEmpty();
  }
}
