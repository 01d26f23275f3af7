package io.github.capacity.core.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.Definition;
import io.github.capacity.api.InvalidDefinitionException;
import io.github.capacity.core.config.DefinitionsFile;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AbortRuleTest {
  /** The error for {@code abort} as written in a tests.json, as the engine and check show it. */
  private static String error(String abort) {
    DefinitionsFile file = DefinitionsFile.parse("tests.json",
        "{\"shop\": {\"type\": \"http\",\n \"url\": \"http://x/\",\n \"abort\": " + abort + "}}");
    AbortRules rules = AbortRules.of(file.definitions());
    assertThat(rules.rules()).isEmpty();
    return file.errorFor(rules.errors().get("shop")).toString();
  }

  private static AbortRule rule(String abort) throws InvalidDefinitionException {
    DefinitionsFile file = DefinitionsFile.parse("tests.json", "{\"shop\": {\"type\": \"http\", \"abort\": " + abort + "}}");
    return AbortRule.of(file.definitions().get("shop"));
  }

  @Test
  void aBlockWithDefaultsReadsItsConditionsInOrder() throws Exception {
    AbortRule rule = rule("{\"when\": [\"error_rate > 5%\", \"p99.9>=800ms\", \"dropped_rate > 0.5%\"]}");

    assertThat(rule.conditions()).extracting(Condition::text)
        .containsExactly("error_rate > 5%", "p99.9 >= 800ms", "dropped_rate > 0.5%");
    assertThat(rule.conditions().get(0).limitPpm()).isEqualTo(50_000);
    assertThat(rule.conditions().get(1).percentileMilli()).isEqualTo(99_900);
    assertThat(rule.conditions().get(1).limitNanos()).isEqualTo(800_000_000L);
    assertThat(rule.conditions().get(1).inclusive()).isTrue();
    assertThat(rule.windowSeconds()).isEqualTo(10);
    assertThat(rule.minCount()).isEqualTo(20);
    assertThat(rule.cooldown()).isEqualTo(Duration.ofMinutes(10));
    assertThat(rule.describe()).isEqualTo("error_rate > 5% or p99.9 >= 800ms or dropped_rate > 0.5%"
        + " over 10 s (at least 20 executions), cooldown 10m");
  }

  @Test
  void aSingleConditionNeedsNoList() throws Exception {
    AbortRule rule = rule("{\"when\": \"p50 > 2s\", \"window\": \"30s\", \"min_count\": 5, \"cooldown\": \"90m\"}");

    assertThat(rule.describe()).isEqualTo("p50 > 2s over 30 s (at least 5 executions), cooldown 90m");
  }

  @Test
  void thePluginSeesTheDefinitionWithoutTheBlock() {
    Definition test = new Definition("tests.json", "shop", "http",
        java.util.Map.of("url", "http://x/", "abort", java.util.Map.of("when", "p99 > 1s")));

    assertThat(AbortRule.withoutAbort(test).settings()).containsOnlyKeys("url");
    assertThat(AbortRules.of(java.util.Map.of("shop", test)).definitions().get("shop").settings())
        .containsOnlyKeys("url");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"when\": [\"error_rate > 5\"]}|tests.json:3: shop.abort.when[0]: error_rate limit \"5\" is not a"
          + " percentage below 100, expected one such as \"5%\" or \"0.5%\"",
      "{\"when\": [\"errors > 5%\"]}|tests.json:3: shop.abort.when[0]: \"errors > 5%\" is not a condition,"
          + " expected a condition such as \"error_rate > 5%\", \"dropped_rate > 1%\" or \"p99 > 800ms\""
          + " (a figure, > or >=, a limit)",
      "{\"when\": [\"p99 > 5%\"]}|tests.json:3: shop.abort.when[0]: p99 limit \"5%\" is not a duration,"
          + " expected one such as \"800ms\" or \"2s\"",
      "{\"when\": [\"p0 > 1s\"]}|tests.json:3: shop.abort.when[0]: p0 is not a percentile, expected one"
          + " from p1 to p99.999",
      "{\"when\": [\"error_rate < 5%\"]}|tests.json:3: shop.abort.when[0]: \"error_rate < 5%\" is not a"
          + " condition, expected a condition such as \"error_rate > 5%\", \"dropped_rate > 1%\" or"
          + " \"p99 > 800ms\" (a figure, > or >=, a limit)",
      "{\"when\": [5]}|tests.json:3: shop.abort.when[0]: is 5, expected a condition such as"
          + " \"error_rate > 5%\", \"dropped_rate > 1%\" or \"p99 > 800ms\" (a figure, > or >=, a limit)",
      "{\"when\": []}|tests.json:3: shop.abort.when: is missing, expected a list of conditions such as"
          + " [\"error_rate > 5%\", \"p99 > 800ms\"]",
      "{\"when\": \"p99 > 1s\", \"windw\": \"5s\"}|tests.json:3: shop.abort.windw: unknown key, expected"
          + " one of cooldown, min_count, when, window",
      "{\"when\": \"p99 > 1s\", \"window\": \"1.5s\"}|tests.json:3: shop.abort.window: is \"1.5s\","
          + " expected whole seconds from \"1s\" to \"10m\"",
      "{\"when\": \"p99 > 1s\", \"window\": \"11m\"}|tests.json:3: shop.abort.window: is \"11m\","
          + " expected whole seconds from \"1s\" to \"10m\"",
      "{\"when\": \"p99 > 1s\", \"min_count\": 0}|tests.json:3: shop.abort.min_count: 0 is out of range,"
          + " expected a whole number from 1 to 1000000",
      "{\"when\": \"p99 > 1s\", \"cooldown\": \"500ms\"}|tests.json:3: shop.abort.cooldown: is \"500ms\","
          + " expected a duration from \"1s\" to \"168h\" (7 days)",
      "\"p99 > 1s\"|tests.json:3: shop.abort: is \"p99 > 1s\", expected an object",
  })
  void aBadBlockIsAnErrorOnItsLine(String abort, String expected) {
    assertThat(error(abort)).isEqualTo(expected);
  }
}
