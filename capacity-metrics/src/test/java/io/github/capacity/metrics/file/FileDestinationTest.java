package io.github.capacity.metrics.file;

import static io.github.capacity.metrics.Fixtures.EPOCH_MILLIS;
import static io.github.capacity.metrics.Fixtures.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.capacity.api.Definition;
import io.github.capacity.api.DestinationContext;
import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.MetricsSink;
import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.Problem;
import io.github.capacity.api.Trip;
import io.github.capacity.api.testing.FakeTimeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDestinationTest {
  @TempDir Path logDir;
  private final FakeTimeSource time = FakeTimeSource.atSecond(0);

  private MetricsSink open(Map<String, Object> settings) throws Exception {
    return new FileDestination().open(new Definition("destinations.json", "file", "file", settings),
        new DestinationContext("web1", logDir, time));
  }

  @Test
  void writesOneLinePerExecutionASummaryPerMinuteAndProblemsToTheDayFile() throws Exception {
    MetricsSink sink = open(Map.of());
    sink.record(result("shop.home", 1_000_000, 300, 1_700, Outcome.ok(200, 512)));
    sink.account(new MinuteAccount("shop.home", "web1", EPOCH_MILLIS, 60, 58, 57, 50, 6, 2, 1, 0));
    sink.problem(new Problem("gone", "web1", ErrorClass.UNKNOWN_TEST_TYPE, "conf.d/a.conf:2: no test \"x\"", EPOCH_MILLIS));
    sink.close(Duration.ofSeconds(5));

    assertThat(Files.readString(logDir.resolve("results-2026-01-01.jsonl"))).isEqualTo(""
        + "{\"kind\":\"execution\",\"test_name\":\"shop.home\",\"test_time\":0.0017,\"test_epoch\":1767225601,"
        + "\"test_type\":\"homepage\",\"host\":\"web1\",\"planned_epoch_ns\":1767225601000000000,"
        + "\"start_epoch_ns\":1767225601000300000,\"end_epoch_ns\":1767225601002000000,\"latency_ms\":2.0,"
        + "\"service_time_ms\":1.7,\"start_lag_ms\":0.3,\"ok\":true,\"error_class\":null,\"status\":200,"
        + "\"bytes\":512,\"detail\":null}\n"
        + "{\"kind\":\"minute\",\"test_name\":\"shop.home\",\"host\":\"web1\",\"minute_epoch_ms\":1767225600000,"
        + "\"planned\":60,\"started\":58,\"completed\":57,\"ok\":50,\"failed\":6,\"dropped\":2,\"cancelled\":1,"
        + "\"skipped\":0,\"results\":{\"count\":1,\"ok\":1,\"failed\":0,\"dropped\":0,\"cancelled\":0,"
        + "\"latency_ms\":{\"min\":2.0,\"mean\":2.0,\"p50\":2.0,\"p90\":2.0,\"p99\":2.0,\"max\":2.0},"
        + "\"service_time_ms\":{\"min\":1.7,\"mean\":1.7,\"p50\":1.7,\"p90\":1.7,\"p99\":1.7,\"max\":1.7},"
        + "\"start_lag_ms\":{\"min\":0.3,\"mean\":0.3,\"p50\":0.3,\"p90\":0.3,\"p99\":0.3,\"max\":0.3},"
        + "\"errors\":{}}}\n"
        + "{\"kind\":\"problem\",\"test_name\":\"gone\",\"host\":\"web1\",\"error_class\":\"unknown_test_type\","
        + "\"message\":\"conf.d/a.conf:2: no test \\\"x\\\"\",\"epoch_ms\":1767225600000}\n");
  }

  @Test
  void writesAGuardrailTripAsALineOfItsOwn() throws Exception {
    MetricsSink sink = open(Map.of());
    sink.trip(new Trip("shop.search", "web1", "p99 > 800ms", "f", EPOCH_MILLIS, EPOCH_MILLIS + 60_000, 600, 590));
    sink.close(Duration.ofSeconds(5));

    assertThat(Files.readString(logDir.resolve("results-2026-01-01.jsonl"))).isEqualTo(
        "{\"kind\":\"trip\",\"test_name\":\"shop.search\",\"host\":\"web1\",\"condition\":\"p99 > 800ms\","
            + "\"figures\":\"f\",\"epoch_ms\":1767225600000,\"until_epoch_ms\":1767225660000,"
            + "\"tripped_rate\":600,\"held_rate\":590}\n");
  }

  @Test
  void putsEachLineInTheFileOfTheUtcDayItEndedAndNeverTruncates() throws Exception {
    Path folder = logDir.resolve("metrics");
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("results-2026-01-01.jsonl"), "{\"kept\":true}\n");
    MetricsSink sink = open(Map.of("folder", "metrics"));
    sink.record(result("a", 86_399_999_000L, 0, 500, Outcome.ok(200, 0)));    // ends 23:59:59.9995
    sink.record(result("b", 86_399_999_000L, 0, 1_500, Outcome.ok(200, 0)));  // ends 00:00:00.0005
    sink.close(Duration.ofSeconds(5));

    List<String> first = Files.readAllLines(folder.resolve("results-2026-01-01.jsonl"));
    List<String> second = Files.readAllLines(folder.resolve("results-2026-01-02.jsonl"));
    assertThat(first).hasSize(2).first().isEqualTo("{\"kept\":true}");
    assertThat(first.get(1)).contains("\"test_name\":\"a\"");
    assertThat(second).singleElement().asString().contains("\"test_name\":\"b\"");
  }

  @Test
  void namesCraftedToInjectProduceNoExtraLineOrPath() throws Exception {
    MetricsSink sink = open(Map.of());
    List<String> names = List.of("a\n{\"kind\":\"fake\"}", "b c", "c|d", "d:e", "../../e/f", "..g..", "h\r\ni");
    for (String name : names) {
      sink.record(result(name, 1_000_000, 0, 1_000, Outcome.failed(ErrorClass.IO, 0, 0, "x\ny")));
    }
    sink.close(Duration.ofSeconds(5));

    try (Stream<Path> files = Files.walk(logDir)) {
      assertThat(files.filter(Files::isRegularFile).map(logDir::relativize).map(Path::toString))
          .containsExactly("results-2026-01-01.jsonl");
    }
    List<String> lines = Files.readAllLines(logDir.resolve("results-2026-01-01.jsonl"));
    ObjectMapper mapper = new ObjectMapper();
    assertThat(lines).hasSize(names.size());
    for (int i = 0; i < names.size(); i++) {
      JsonNode node = mapper.readTree(lines.get(i));
      assertThat(node.get("test_name").asText()).isEqualTo(names.get(i));
      assertThat(node.get("kind").asText()).isEqualTo("execution");
    }
  }

  @Test
  void reportsAnUnwritableFolderInHealth() throws Exception {
    Files.writeString(logDir.resolve("plain-file"), "");
    MetricsSink sink = open(Map.of("folder", "plain-file/metrics"));
    sink.problem(new Problem("t", "web1", ErrorClass.UNKNOWN_TEST_TYPE, "m", EPOCH_MILLIS));
    assertThat(sink.flush(Duration.ofMillis(300))).isFalse();
    assertThat(sink.health().failing()).isTrue();
    assertThat(sink.health().lastError()).startsWith("file://" + logDir.resolve("plain-file/metrics") + ": ");
    sink.close(Duration.ofMillis(300));
  }

  @Test
  void refusesAnUnknownKey() {
    assertThatThrownBy(() -> open(Map.of("path", "/tmp")))
        .hasMessage("destinations.json: file.path: unknown key, expected one of buffer, folder, write_timeout");
  }
}
