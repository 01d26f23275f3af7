package io.github.capacity.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DefinitionTest {
  private final Definition home = definition(Map.of(
      "url", "http://127.0.0.1/", "port", 8080, "retries", "3", "gzip", true, "timeout", "1.5s",
      "slow", 250, "expect", Map.of("status", List.of("2xx", 304)), "weird", List.of()));

  @Test
  void durationsTakeMillisSecondsMinutesAndHours() {
    assertThat(Definition.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Definition.parseDuration(" 1.5s ")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Definition.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(Definition.parseDuration("24h")).isEqualTo(Duration.ofHours(24));
    assertThat(Definition.parseDuration("10 s")).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void durationsWithoutAUnitOrWithAnUnknownOneAreNotDurations() {
    assertThat(Definition.parseDuration("10")).isNull();
    assertThat(Definition.parseDuration("1d")).isNull();
    assertThat(Definition.parseDuration("-1s")).isNull();
    assertThat(Definition.parseDuration("")).isNull();
    assertThat(Definition.parseDuration("99999999999999999999h")).isNull();
  }

  @Test
  void typedReadersReturnValuesOrDefaults() throws Exception {
    assertThat(home.string("url")).isEqualTo("http://127.0.0.1/");
    assertThat(home.string("method", "GET")).isEqualTo("GET");
    assertThat(home.integer("port", 80, 1, 65_535)).isEqualTo(8080);
    assertThat(home.integer("retries", 0, 0, 10)).isEqualTo(3);
    assertThat(home.bool("gzip", false)).isTrue();
    assertThat(home.duration("timeout", Duration.ZERO)).isEqualTo(Duration.ofMillis(1500));
    assertThat(home.duration("slow", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
    assertThat(home.duration("absent", Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
    assertThat(home.list("absent")).isEmpty();
    assertThat(home.section("expect").list("status")).containsExactly("2xx", 304);
  }

  @Test
  void errorsNameTheFileTheJsonPathAndWhatWasExpected() {
    assertThatThrownBy(() -> home.integer("port", 80, 1, 1024))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessage("tests.json: home.port: 8080 is out of range, expected a whole number from 1 to 1024");
    assertThatThrownBy(() -> home.string("port"))
        .hasMessage("tests.json: home.port: is 8080, expected a string");
    assertThatThrownBy(() -> home.string("method"))
        .hasMessage("tests.json: home.method: is missing, expected a string");
    assertThatThrownBy(() -> home.bool("url", false))
        .hasMessage("tests.json: home.url: is \"http://127.0.0.1/\", expected true or false");
    assertThatThrownBy(() -> home.duration("url", Duration.ZERO))
        .hasMessage("tests.json: home.url: is \"http://127.0.0.1/\", expected a positive duration"
            + " such as \"250ms\", \"5s\" or \"1m\"");
    assertThatThrownBy(() -> home.section("expect").section("status"))
        .hasMessage("tests.json: home.expect.status: is a list, expected an object");
  }

  @Test
  void unknownKeysAreRefusedWithTheKnownOnesSorted() {
    assertThatThrownBy(() -> home.requireOnly(Set.of("url", "port")))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageStartingWith("tests.json: home.")
        .hasMessageEndingWith(": unknown key, expected one of port, url");
  }

  @Test
  void describeShortensLongStringsAndNamesKinds() {
    assertThat(Definition.describe(null)).isEqualTo("null");
    assertThat(Definition.describe("x".repeat(70))).isEqualTo("\"" + "x".repeat(60) + "...\"");
    assertThat(Definition.describe(Map.of())).isEqualTo("an object");
    assertThat(Definition.describe(List.of())).isEqualTo("a list");
    assertThat(Definition.describe(1.5)).isEqualTo("1.5");
  }

  private static Definition definition(Map<String, ?> settings) {
    return new Definition("tests.json", "home", "http", new LinkedHashMap<>(settings));
  }
}
