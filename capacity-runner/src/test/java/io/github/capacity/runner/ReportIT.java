package io.github.capacity.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/capacity report}: with no FILE it reads {@code log.dir} of the settings. */
class ReportIT {
  @TempDir Path home;

  @Test
  void withNoFileTheReportReadsTheResultsFolderOfTheSettings() throws Exception {
    Installed installed = new Installed(home);
    Files.createDirectories(installed.logDir);
    Files.writeString(installed.logDir.resolve("results-2026-12-03.jsonl"), "{\"kind\":\"execution\","
        + "\"test_name\":\"shop\",\"host\":\"web1\",\"planned_epoch_ns\":1796292000000000000,"
        + "\"start_epoch_ns\":1796292000000000000,\"end_epoch_ns\":1796292000002000000,\"ok\":true}\n"
        + "{\"kind\":\"execution\",\"test_na\n");
    Path page = home.resolve("shop.html");

    Installed.Run run = installed.run(Duration.ofSeconds(60), "report", "-o", page.toString());

    assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCode.OK);
    assertThat(run.stdout()).startsWith("report: " + page + " (2 lines from 1 file, 1 kept, 1 bad, ");
    assertThat(run.stderr()).isEqualTo("capacity report: " + installed.logDir.resolve("results-2026-12-03.jsonl")
        + ":2: not valid JSON (Unexpected end-of-input in field name), expected one whole document per line\n");
    assertThat(Files.readString(page)).contains("\"name\":\"shop\"");
  }
}
