package io.github.capacity.runner.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.runner.logging.LogOutput.StderrPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

class LogOutputTest {
  @TempDir Path logDir;

  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final LogOutput output =
      new LogOutput(new PrintStream(stderr, true, StandardCharsets.UTF_8), Level.INFO);

  @Test
  void cronModeSendsEachErrorToStderrOnceAndNoWarnings() {
    output.stderrPolicy(StderrPolicy.ONCE_PER_ERROR);
    CapacityLogger log = new CapacityLogger("io.github.capacity.core.Engine", output);

    log.error("cannot reach {}", "127.0.0.1:2003");
    log.error("cannot reach {}", "127.0.0.1:2003");
    log.error("cannot reach {}", "127.0.0.1:8125");
    log.warn("slow flush");
    log.info("minute done");
    output.close();

    assertThat(stderr.toString(StandardCharsets.UTF_8).lines()).containsExactly(
        "capacity: error: cannot reach 127.0.0.1:2003",
        "capacity: error: cannot reach 127.0.0.1:8125");
  }

  @Test
  void cronMailIsSortedSoThatItIsTheSameEveryMinute() {
    output.stderrPolicy(StderrPolicy.ONCE_PER_ERROR);
    CapacityLogger log = new CapacityLogger("x.Y", output);

    log.error("statsd: cannot deliver"); // threads report in any order
    log.error("graphite: cannot deliver");
    output.close();

    assertThat(stderr.toString(StandardCharsets.UTF_8).lines()).containsExactly(
        "capacity: error: graphite: cannot deliver",
        "capacity: error: statsd: cannot deliver");
  }

  @Test
  void controlCharactersFromFilesNeverReachStderrOrTheLogRaw() throws IOException {
    output.stderrPolicy(StderrPolicy.WARNINGS);
    output.toFile(logDir);
    CapacityLogger log = new CapacityLogger("x.Y", output);

    log.error("{}: bad line", "conf.d/\u001b[2Jevil\r.conf\nforged");
    output.close();

    String escaped = "conf.d/\\u001B[2Jevil\\u000D.conf\\u000Aforged: bad line";
    assertThat(stderr.toString(StandardCharsets.UTF_8))
        .isEqualTo("capacity: error: " + escaped + System.lineSeparator());
    assertThat(Files.readString(logDir.resolve("capacity.log"))).endsWith("Y: " + escaped + "\n")
        .doesNotContain("\u001b");
  }

  @Test
  void interactiveModeSendsWarningsAndErrorsEveryTime() {
    output.stderrPolicy(StderrPolicy.WARNINGS);
    CapacityLogger log = new CapacityLogger("x.Y", output);

    log.warn("unknown destination {}", "graphit");
    log.warn("unknown destination {}", "graphit");
    log.info("quiet");

    assertThat(stderr.toString(StandardCharsets.UTF_8).lines()).containsExactly(
        "capacity: warn: unknown destination graphit",
        "capacity: warn: unknown destination graphit");
  }

  @Test
  void theFileGetsInfoAndAboveWithTheLoggerAndThreadAndStackTraces() throws IOException {
    output.stderrPolicy(StderrPolicy.ONCE_PER_ERROR);
    output.toFile(logDir);
    CapacityLogger log = new CapacityLogger("io.github.capacity.core.Engine", output);

    log.debug("hidden");
    log.info("minute {} done: {} executions", 5, 600);
    log.error("failed", new IOException("boom"));
    output.close();

    List<String> lines = Files.readAllLines(logDir.resolve("capacity.log"));
    assertThat(lines.get(0)).matches("\\S+Z INFO \\[.+\\] Engine: minute 5 done: 600 executions");
    assertThat(lines.get(1)).matches("\\S+Z ERROR \\[.+\\] Engine: failed");
    assertThat(lines.get(2)).isEqualTo("java.io.IOException: boom");
    assertThat(lines).noneMatch(line -> line.contains("hidden"));
  }

  @Test
  void anUnwritableLogDirIsReportedOnceAndLoggingGoesOn() throws IOException {
    Path notAFolder = Files.writeString(logDir.resolve("file"), "x");
    output.stderrPolicy(StderrPolicy.ONCE_PER_ERROR);

    output.toFile(notAFolder);
    output.toFile(notAFolder);
    new CapacityLogger("x", output).info("still fine");
    output.flushStderr();

    assertThat(stderr.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
        .startsWith("capacity: cannot write the log in " + notAFolder + " (log.dir): ");
    assertThat(output.file()).isNull();
  }
}
