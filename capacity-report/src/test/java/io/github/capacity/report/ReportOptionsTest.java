package io.github.capacity.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportOptionsTest {
  @Test
  void readsInputsOutputAndFilters() throws Exception {
    ReportOptions options = ReportOptions.parse(List.of("a.jsonl", "fleet/", "-o", "out.html",
        "--from", "2026-12-03T10:00:00Z", "--to", "2026-12-03T10:30", "--test", "shop.home,shop.cart",
        "--host", "web1", "--host", "web2", "--step", "10s"));

    assertThat(options.inputs()).containsExactly(Path.of("a.jsonl"), Path.of("fleet/"));
    assertThat(options.output()).isEqualTo(Path.of("out.html"));
    assertThat(options.filter()).isEqualTo(new Filter(1_796_292_000_000L, 1_796_293_800_000L,
        Set.of("shop.home", "shop.cart"), Set.of("web1", "web2")));
    assertThat(options.stepSeconds()).isEqualTo(10);
  }

  @Test
  void defaultsToEverythingIntoCapacityReportHtml() throws Exception {
    ReportOptions options = ReportOptions.parse(List.of());

    assertThat(options.inputs()).isEmpty();
    assertThat(options.output()).isEqualTo(Path.of("capacity-report.html"));
    assertThat(options.filter()).isEqualTo(Filter.ALL);
    assertThat(options.stepSeconds()).isEqualTo(1);
  }

  @Test
  void aDayIsItsFirstMillisecond() throws Exception {
    assertThat(ReportOptions.time("2026-12-03", "--from")).isEqualTo(1_796_256_000_000L);
  }

  @Test
  void badArgumentsSayWhatWasExpected() {
    assertThatThrownBy(() -> ReportOptions.parse(List.of("--from", "yesterday")))
        .hasMessage("--from \"yesterday\" is not a time,"
            + " expected ISO-8601 in UTC such as 2026-12-03T10:00:00Z or 2026-12-03");
    assertThatThrownBy(() -> ReportOptions.parse(List.of("--from", "2026-12-03T11:00Z", "--to", "2026-12-03T10:00Z")))
        .hasMessage("--from must be before --to");
    assertThatThrownBy(() -> ReportOptions.parse(List.of("-o")))
        .hasMessage("-o needs a value");
    assertThatThrownBy(() -> ReportOptions.parse(List.of("--test", ",")))
        .hasMessage("\",\" names nothing, expected NAME or NAME,NAME");
    assertThatThrownBy(() -> ReportOptions.parse(List.of("--step", "0")))
        .hasMessage("--step \"0\" is not a number of seconds from 1 to 86400");
  }
}
