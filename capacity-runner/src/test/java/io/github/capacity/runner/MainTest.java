package io.github.capacity.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpPrintsTheCommandsAndTheExitStatuses() {
    assertThat(run("--help")).isEqualTo(ExitCode.OK);

    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("capacity check [FILE...]", "capacity demo", "0 ok, 1 configuration error");
    assertThat(err.size()).isZero();
  }

  @Test
  void versionPrintsTheVersion() {
    assertThat(run("--version")).isEqualTo(ExitCode.OK);

    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("capacity ");
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    assertThat(run("chek")).isEqualTo(ExitCode.USAGE);

    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("capacity: unknown command \"chek\"; expected check, demo, report, --version or --help");
    assertThat(out.size()).isZero();
  }

  @Test
  void theDemoRefusesADurationOutOfRange() {
    assertThat(run("demo", "600")).isEqualTo(ExitCode.USAGE);

    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("capacity demo: expected a duration in seconds from 5 to 50, got 600" + System.lineSeparator());
  }

  @Test
  void reportWritesOnePageFromTheResultsNamed(@TempDir Path folder) throws IOException {
    Files.writeString(folder.resolve("results-2026-12-03.jsonl"), "{\"kind\":\"execution\","
        + "\"test_name\":\"shop\",\"host\":\"web1\",\"planned_epoch_ns\":1796292000000000000,"
        + "\"start_epoch_ns\":1796292000000000000,\"end_epoch_ns\":1796292000002000000,\"ok\":true}\n");
    Path page = folder.resolve("report.html");

    assertThat(run("report", folder.toString(), "-o", page.toString())).isEqualTo(ExitCode.OK);

    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("report: " + page.toAbsolutePath() + " (1 line from 1 file, 1 kept, 0 bad, ");
    assertThat(Files.readString(page)).contains("\"name\":\"shop\"");
  }

  @Test
  void reportRefusesAnUnknownOption() {
    assertThat(run("report", "--since", "1h")).isEqualTo(ExitCode.USAGE);

    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("capacity report: unknown option \"--since\","
        + " expected -o, --from, --to, --test, --host or --step");
  }

  @Test
  void runningOutOfMemoryIsReportedWithItsOwnExitStatus() {
    int status = Main.guarded(() -> {
      throw new OutOfMemoryError("Java heap space");
    }, new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).isEqualTo(ExitCode.OUT_OF_MEMORY).isEqualTo(6);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(
        "capacity: out of memory (Java heap space) with a heap of at most ")
        .contains("CAPACITY_JAVA_OPTS=-Xmx");
  }

  @Test
  void anUnknownCommandIsShownWithoutItsControlCharacters() {
    assertThat(run("\u001b]0;owned\u0007")).isEqualTo(ExitCode.USAGE);

    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("capacity: unknown command \"\\u001B]0;owned\\u0007\"");
  }
}
