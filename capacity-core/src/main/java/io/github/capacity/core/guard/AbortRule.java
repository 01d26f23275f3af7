package io.github.capacity.core.guard;

import io.github.capacity.api.Definition;
import io.github.capacity.api.InvalidDefinitionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code abort} block of a test in {@code tests.json}: when to stop the test on this host.
 *
 * <pre>{@code
 * "abort": {"when": ["error_rate > 5%", "p99 > 800ms"], "window": "10s", "min_count": 50,
 *           "cooldown": "30m"}
 * }</pre>
 *
 * <p>The test trips when any condition holds over the executions that ended in the last {@code
 * window} (whole seconds, 1 s to 10 min; default 10 s), once the window counts at least {@code
 * min_count} of them (default 20); it then stays stopped for {@code cooldown} (default 10 min, at
 * most 7 days). The block belongs to the engine: the test's plugin never sees it. Immutable.
 *
 * @param conditions any of which trips the test, in the order written
 */
public record AbortRule(List<Condition> conditions, int windowSeconds, long minCount, Duration cooldown) {
  /** The key of the block in a test's definition. */
  public static final String KEY = "abort";
  static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);
  static final long DEFAULT_MIN_COUNT = 20;
  static final Duration DEFAULT_COOLDOWN = Duration.ofMinutes(10);
  private static final Duration MAX_WINDOW = Duration.ofMinutes(10);
  private static final Duration MAX_COOLDOWN = Duration.ofDays(7);

  public AbortRule {
    conditions = List.copyOf(conditions);
  }

  /**
   * The abort block of {@code test}, or {@code null} when it has none.
   *
   * @throws InvalidDefinitionException naming the JSON path of what is wrong and what was expected
   */
  public static AbortRule of(Definition test) throws InvalidDefinitionException {
    if (!test.has(KEY)) {
      return null;
    }
    Definition block = test.section(KEY);
    block.requireOnly(Set.of("when", "window", "min_count", "cooldown"));
    List<Object> when = block.list("when");
    if (when.isEmpty()) {
      throw block.error("when", "is missing, expected a list of conditions such as"
          + " [\"error_rate > 5%\", \"p99 > 800ms\"]");
    }
    List<Condition> conditions = new ArrayList<>();
    for (int i = 0; i < when.size(); i++) {
      String key = block.settings().get("when") instanceof List ? "when[" + i + "]" : "when";
      if (!(when.get(i) instanceof String text)) {
        throw block.error(key, "is " + Definition.describe(when.get(i)) + ", " + Condition.EXPECTED);
      }
      conditions.add(Condition.parse(text, block, key));
    }
    Duration window = block.duration("window", DEFAULT_WINDOW);
    if (window.toNanos() % 1_000_000_000L != 0 || window.compareTo(MAX_WINDOW) > 0) {
      throw block.error("window", "is " + Definition.describe(block.settings().get("window"))
          + ", expected whole seconds from \"1s\" to \"10m\"");
    }
    long minCount = block.integer("min_count", DEFAULT_MIN_COUNT, 1, 1_000_000);
    Duration cooldown = block.duration("cooldown", DEFAULT_COOLDOWN);
    if (cooldown.compareTo(MAX_COOLDOWN) > 0 || cooldown.toMillis() < 1000) {
      throw block.error("cooldown", "is " + Definition.describe(block.settings().get("cooldown"))
          + ", expected a duration from \"1s\" to \"168h\" (7 days)");
    }
    return new AbortRule(conditions, (int) window.toSeconds(), minCount, cooldown);
  }

  /** {@code test} as its plugin sees it: without the abort block. */
  public static Definition withoutAbort(Definition test) {
    if (!test.has(KEY)) {
      return test;
    }
    Map<String, Object> settings = new LinkedHashMap<>(test.settings());
    settings.remove(KEY);
    return new Definition(test.source(), test.path(), test.type(), settings);
  }

  /** The rule in one line, for {@code check}: {@code error_rate > 5% or p99 > 800ms over 10 s ...}. */
  public String describe() {
    List<String> texts = conditions.stream().map(Condition::text).toList();
    return String.join(" or ", texts) + " over " + windowSeconds + " s (at least " + minCount
        + " executions), cooldown " + text(cooldown);
  }

  private static String text(Duration duration) {
    long seconds = duration.toSeconds();
    return seconds % 3600 == 0 ? seconds / 3600 + "h" : seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
  }
}
