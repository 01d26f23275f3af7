package io.github.capacity.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.Problem;
import io.github.capacity.api.Result;
import io.github.capacity.api.Trip;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class JsonLinesTest {
  private static final String TRICKY = "a\"b\\c/d\b\t\n\f\r\u0000\u0001\u001f\u007f é \u2028 😀 \ud800 end";
  private final JsonLines json = new JsonLines();

  @Test
  void executionIsOneLineWithEveryFieldInOrder() {
    Result result = Fixtures.result("shop.home", 1_000_000, 300, 1_700, Outcome.ok(200, 512));

    assertThat(text(json.execution(result))).isEqualTo("{\"kind\":\"execution\",\"test_name\":\"shop.home\","
        + "\"test_time\":0.0017,\"test_epoch\":1767225601,\"test_type\":\"homepage\",\"host\":\"web1\","
        + "\"planned_epoch_ns\":1767225601000000000,\"start_epoch_ns\":1767225601000300000,"
        + "\"end_epoch_ns\":1767225601002000000,\"latency_ms\":2.0,\"service_time_ms\":1.7,"
        + "\"start_lag_ms\":0.3,\"ok\":true,\"error_class\":null,\"status\":200,\"bytes\":512,\"detail\":null}");
  }

  @Test
  void durationsArePlainDecimalsRoundedToTheMicrosecond() {
    Result quick = new Result("t", "homepage", "web1", 1_000L, 1_000L, 105_499L, Outcome.ok(200, 1));
    Result slow = new Result("t", "homepage", "web1", 0L, 2_500L, 12_000_000_500L, Outcome.ok(200, 1));
    Result early = new Result("t", "homepage", "web1", 5_000L, 0L, 0L, Outcome.ok(200, 1));

    assertThat(text(json.execution(quick))).contains("\"test_time\":0.000104,")
        .contains("\"latency_ms\":0.104,\"service_time_ms\":0.104,\"start_lag_ms\":0.0,");
    assertThat(text(json.execution(slow))).contains("\"test_time\":11.999998,")
        .contains("\"latency_ms\":12000.001,\"service_time_ms\":11999.998,\"start_lag_ms\":0.003,");
    assertThat(text(json.execution(early))).contains("\"start_lag_ms\":-0.005,");
  }

  @Test
  void failedExecutionWithoutStatusHasNulls() {
    Result result = Fixtures.result("t", 0, 0, 5, Outcome.failed(ErrorClass.CONNECT_REFUSED, "refused"));

    assertThat(text(json.execution(result))).endsWith(
        "\"ok\":false,\"error_class\":\"connect_refused\",\"status\":null,\"bytes\":0,\"detail\":\"refused\"}");
  }

  @Test
  void anyValueReadsBackAsWrittenFromItsOwnLine() throws Exception {
    List<Result> results = new ArrayList<>();
    results.add(Fixtures.result("x", 3_000, 1, 1, Outcome.failed(ErrorClass.HTTP_STATUS, 503, 0, TRICKY)));
    results.add(new Result(TRICKY, TRICKY, TRICKY, -5_000_000L, -4_999_999L, Long.MAX_VALUE / 2,
        Outcome.ok(204, Long.MAX_VALUE)));
    Random random = new Random(42);
    for (int i = 0; i < 2_000; i++) {
      long planned = Fixtures.EPOCH_MILLIS * 1_000_000L + random.nextLong(1L << 40);
      long start = planned + random.nextInt(5_000_000);
      long end = start + random.nextLong(20_000_000_000L);
      StringBuilder detail = new StringBuilder();
      for (int k = random.nextInt(8); k > 0; k--) {
        detail.append((char) random.nextInt(0xe000));
      }
      results.add(new Result("t" + i, "homepage", "web1", planned, start, end,
          Outcome.failed(ErrorClass.RESET, Outcome.NO_STATUS, random.nextInt(100), detail.toString())));
    }

    ObjectMapper mapper = new ObjectMapper();
    for (Result result : results) {
      String line = text(json.execution(result));
      assertThat(line).doesNotContain("\n", "\r");
      JsonNode node = mapper.readTree(line);
      assertThat(node.get("test_name").asText()).isEqualTo(result.testName());
      assertThat(node.get("test_type").asText()).isEqualTo(result.testType());
      assertThat(node.get("host").asText()).isEqualTo(result.host());
      assertThat(node.get("detail").isNull() ? null : node.get("detail").asText()).isEqualTo(result.outcome().detail());
      assertThat(node.get("end_epoch_ns").asLong()).isEqualTo(result.endEpochNanos());
      assertThat(node.get("bytes").asLong()).isEqualTo(result.outcome().bytes());
    }
  }

  @Test
  void controlCharactersUseShortOrUppercaseHexEscapes() {
    Result result = Fixtures.result("t", 0, 0, 0, Outcome.failed(ErrorClass.RESET, "\n\u001b"));

    assertThat(text(json.execution(result))).contains("\"detail\":\"\\n\\u001B\"");
  }

  @Test
  void minuteCarriesTheAccountAndTheFiguresOfItsResults() {
    MinuteAccount account = new MinuteAccount("shop.home", "web1", Fixtures.EPOCH_MILLIS, 60, 59, 58, 57, 1, 1, 0, 1);
    Summary.Latency latency = new Summary.Latency(1.0, 2.5, 2.0, 4.0, 9.0, 10.0);
    Summary summary = new Summary("shop.home", 59, 57, 1, 1, 0, latency, latency, null,
        new TreeMap<>(Map.of("dropped", 1L, "timeout", 1L)));

    assertThat(text(json.minute(account, summary))).isEqualTo("{\"kind\":\"minute\",\"test_name\":\"shop.home\","
        + "\"host\":\"web1\",\"minute_epoch_ms\":1767225600000,\"planned\":60,\"started\":59,\"completed\":58,"
        + "\"ok\":57,\"failed\":1,\"dropped\":1,\"cancelled\":0,\"skipped\":1,\"results\":{\"count\":59,\"ok\":57,"
        + "\"failed\":1,\"dropped\":1,\"cancelled\":0,"
        + "\"latency_ms\":{\"min\":1.0,\"mean\":2.5,\"p50\":2.0,\"p90\":4.0,\"p99\":9.0,\"max\":10.0},"
        + "\"service_time_ms\":{\"min\":1.0,\"mean\":2.5,\"p50\":2.0,\"p90\":4.0,\"p99\":9.0,\"max\":10.0},"
        + "\"start_lag_ms\":null,\"errors\":{\"dropped\":1,\"timeout\":1}}}");
    assertThat(text(json.minute(account, null))).endsWith("\"skipped\":1}");
  }

  @Test
  void minuteSaysWhatItsDestinationDroppedSpooledAndReplayed() {
    MinuteAccount account = new MinuteAccount("shop.home", "web1", Fixtures.EPOCH_MILLIS, 60, 59, 58, 57, 1, 1, 0, 1)
        .withDelivery(new MinuteAccount.Delivery(3, 120, 80, 5));

    assertThat(text(json.minute(account, null))).endsWith("\"skipped\":1,"
        + "\"metrics\":{\"dropped\":3,\"spooled\":120,\"replayed\":80,\"spool_dropped\":5}}");
  }

  @Test
  void aFleetWideMinuteSaysTheFleetsPlanAndTheHostsPlace() {
    MinuteAccount account = new MinuteAccount("shop.api", "web2", Fixtures.EPOCH_MILLIS, 1201, 1201, 1201,
        1201, 0, 0, 0, 0, 6001, 0, 5);

    assertThat(text(json.minute(account, null))).endsWith("\"skipped\":0,"
        + "\"fleet_planned\":6001,\"fleet_index\":0,\"fleet_size\":5}");
  }

  @Test
  void problemAndDropsAreDocumentsOfTheirOwnKind() {
    Problem problem = new Problem("shop.home", "web1", ErrorClass.UNKNOWN_TEST_TYPE, "no test \"x\"", 5L);

    assertThat(text(json.problem(problem))).isEqualTo("{\"kind\":\"problem\",\"test_name\":\"shop.home\","
        + "\"host\":\"web1\",\"error_class\":\"unknown_test_type\",\"message\":\"no test \\\"x\\\"\",\"epoch_ms\":5}");
    assertThat(text(json.dropped("web1", 12, 7L)))
        .isEqualTo("{\"kind\":\"metrics_dropped\",\"host\":\"web1\",\"dropped\":12,\"epoch_ms\":7}");
  }

  @Test
  void aTripIsADocumentWithTheRatesThatBracketTheKnee() {
    assertThat(text(json.trip(new Trip("shop.search", "web1", "error_rate > 5%", "error_rate 7.3%: 11 of 150 executions failed in the last 10 s", 1767225601_500L, 1767227401_500L, 2460, 2415.4)))).isEqualTo("{\"kind\":\"trip\",\"test_name\":\"shop.search\","
        + "\"host\":\"web1\",\"condition\":\"error_rate > 5%\",\"figures\":\"error_rate 7.3%: 11 of 150"
        + " executions failed in the last 10 s\",\"epoch_ms\":1767225601500,\"until_epoch_ms\":1767227401500,"
        + "\"tripped_rate\":2460,\"held_rate\":2415}");
    assertThat(text(json.trip(new Trip("t", "h", "p99 > 1s", "f", 1, 2, 0.5, Double.NaN))))
        .endsWith("\"tripped_rate\":0.5,\"held_rate\":null}");
  }

  @Test
  void documentsFollowOneAnotherWithoutSeparators() {
    Result result = Fixtures.result("t", 0, 0, 0, Outcome.ok(200, 1));

    byte[] first = json.execution(result).bytes();
    byte[] second = json.execution(result).bytes();

    assertThat(second).isEqualTo(first);
    assertThat(new String(second, StandardCharsets.UTF_8)).startsWith("{\"kind\"");
  }

  private static String text(JsonLines line) {
    return new String(line.bytes(), StandardCharsets.UTF_8);
  }
}
