package io.github.capacity.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/capacity demo}: progress each second, a summary, the results file, a report, exit 0. */
class DemoIT {
  @TempDir Path home;

  @Test
  void theDemoShowsProgressAndASummaryAndNamesTheResultsFile() throws Exception {
    Installed installed = new Installed(home);

    Installed.Run run = installed.run(Duration.ofSeconds(40), "demo", "6");

    String out = run.stdout();
    assertThat(run.exitCode()).as(out + run.stderr()).isEqualTo(ExitCode.OK);
    assertThat(out).containsPattern("\\[  1s\\] executions \\d+ +ok \\d+ +failed 0 +p50 [\\d.]+ ms  p99 [\\d.]+ ms")
        .containsPattern("\\[  5s\\] executions")
        .containsPattern("test +executions +ok +failed +dropped +p50 +p90 +p99 +max")
        .containsPattern("demo\\.homepage +\\d+ +\\d+ +0 +0 +[\\d.]+ ms");
    Matcher results = Pattern.compile("results: (\\S+)").matcher(out);
    assertThat(results.find()).isTrue();
    // 600 a minute for 6 s: about 60 executions, one line each.
    assertThat(Files.readAllLines(Path.of(results.group(1))).stream()
        .filter(l -> l.contains("\"kind\":\"execution\""))).hasSizeBetween(50, 62);
    // It ends with the report of those results.
    Matcher report = Pattern.compile("report: (\\S+) \\((\\d+) lines? from \\d+ files?, \\d+ kept, 0 bad").matcher(out);
    assertThat(report.find()).as(out).isTrue();
    assertThat(out.strip()).endsWith(")");
    assertThat(Files.readString(Path.of(report.group(1)))).contains("uPlot", "demo.homepage");
  }
}
