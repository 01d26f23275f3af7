package io.github.capacity.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the report of three hosts' results in headless Chromium: it loads with no error and no
 * request, and each chart holds the points the results call for. The page lists what it drew in
 * {@code #report-status}; a screenshot goes to {@code target/report-screenshot.png} for review.
 */
class ReportBrowserTest {
  private static final Pattern STATUS = Pattern.compile("<pre id=\"report-status\"[^>]*>(.*?)</pre>", Pattern.DOTALL);
  private static final Path OUTPUT = Path.of("target", "report-test");

  @TempDir
  static Path scratch;
  static Path page;
  static Report report;
  static int seconds;

  @BeforeAll
  static void writeReport() throws IOException {
    Path results = scratch.resolve("results");
    seconds = FleetFixture.write(results);
    Files.createDirectories(OUTPUT);
    page = OUTPUT.resolve("report.html").toAbsolutePath();
    report = Report.read(InputFiles.expand(List.of(results)), Filter.ALL, 1);
    report.write(page, "test");
  }

  @Test
  void loadsWithoutErrorsOrRequestsAndDrawsEveryPoint() throws Exception {
    Chromium chromium = Chromium.find(scratch);
    JsonNode status = status(chromium.dumpDom(page));
    assertThat(status.get("errors")).as("errors on the page").isEmpty();
    assertThat(status.get("resources")).as("requests made by the page").isEmpty();

    int completedPerTest = 3 * FleetFixture.SECONDS * FleetFixture.PER_SECOND * 39 / 40;
    int distribution = Distribution.points(completedPerTest);
    int fleetDistribution = Distribution.points(2L * completedPerTest);
    List<String> expected = new ArrayList<>();
    for (int section = 0; section < 3; section++) {
      expected.add("rates-" + section + " 6 " + seconds);
      expected.add("hosts-" + section + " 3 " + seconds);
      expected.add("latency-" + section + " 8 " + seconds);
      expected.add("errors-" + section + " 2 " + seconds);
      expected.add("distribution-" + section + " 2 " + (section == 0 ? fleetDistribution : distribution));
    }
    List<String> drawn = new ArrayList<>();
    status.get("charts").forEach(chart -> drawn.add(chart.get("id").asText() + " "
        + chart.get("series").asInt() + " " + chart.get("points").asInt()));
    assertThat(drawn).containsExactlyElementsOf(expected);
    assertThat(status.get("canvases").asInt()).isEqualTo(expected.size());

    chromium.screenshot(page, OUTPUT.resolve("report-screenshot.png"), 1400, 2400);
    assertThat(Files.size(OUTPUT.resolve("report-screenshot.png"))).isGreaterThan(10_000);
  }

  @Test
  void thePageCanFetchNothingAndSaysSo() throws Exception {
    Chromium chromium = Chromium.find(scratch);
    // The same page with an image from the network: the policy blocks it and the page says so.
    String html = Files.readString(page, StandardCharsets.UTF_8).replace("<div id=\"report\">",
        "<img src=\"http://127.0.0.1:9/pixel.png\"><div id=\"report\">");
    Path tampered = scratch.resolve("tampered.html");
    Files.writeString(tampered, html, StandardCharsets.UTF_8);
    JsonNode status = status(chromium.dumpDom(tampered));
    assertThat(status.get("errors").toString()).contains("blocked request: http://127.0.0.1:9/pixel.png");
  }

  @Test
  void aReportOfNothingSaysSoWithoutErrors() throws Exception {
    Chromium chromium = Chromium.find(scratch);
    Path empty = scratch.resolve("empty.html");
    Report.read(List.of(), Filter.ALL, 1).write(empty, "test");

    String dom = chromium.dumpDom(empty);

    assertThat(dom).contains("Nothing to draw: no result in the files read.");
    assertThat(status(dom).get("errors")).isEmpty();
    assertThat(status(dom).get("charts")).isEmpty();
  }

  @Test
  void thePageIsOneFileWithNothingToFetch() throws IOException {
    String html = Files.readString(page, StandardCharsets.UTF_8);
    assertThat(html).doesNotContainPattern("(src|href)\\s*=\\s*[\"']?(https?:)?//");
    assertThat(html).contains("default-src 'none'");
    // Only the page's own closing tags: no string in the data or the scripts ends a script early.
    assertThat(html.split("</script>", -1)).hasSize(5);
  }

  private static JsonNode status(String dom) throws IOException {
    Matcher matcher = STATUS.matcher(dom);
    assertThat(matcher.find()).as("#report-status in the page").isTrue();
    String text = matcher.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    return new ObjectMapper().readTree(text);
  }
}
