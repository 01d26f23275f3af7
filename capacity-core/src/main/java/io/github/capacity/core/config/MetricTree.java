package io.github.capacity.core.config;

import java.util.Map;
import java.util.Set;

/**
 * Keeps tests apart in the metric tree. The destinations name a test's metrics {@code
 * <test_name>.<metric>} ({@code shop.count}, {@code shop.minute.planned}, {@code
 * shop.latency.p99}), so a test named {@code shop.minute} beside a test {@code shop} would write
 * into the same names ({@code shop.minute.count} against {@code shop.minute.*}). Such a name is
 * refused where it comes second. Stateless.
 */
final class MetricTree {
  /** The first part of every metric name the built-in destinations put under a test's name. */
  static final Set<String> METRIC_WORDS = Set.of("count", "ok", "failed", "dropped", "cancelled",
      "skipped", "errors", "latency", "service_time", "start_lag", "minute");

  private MetricTree() {}

  /**
   * What is wrong with {@code name} beside the tests already accepted, or {@code null}: one of
   * them followed by a metric word is {@code name}'s start, or the other way round.
   */
  static String collision(String name, Map<String, TestLine> accepted) {
    for (int dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
      TestLine other = accepted.get(name.substring(0, dot));
      if (other != null && METRIC_WORDS.contains(firstPart(name.substring(dot + 1)))) {
        return message(name, other);
      }
    }
    for (TestLine other : accepted.values()) {
      String otherName = other.testName();
      if (otherName.startsWith(name + ".")
          && METRIC_WORDS.contains(firstPart(otherName.substring(name.length() + 1)))) {
        return message(name, other);
      }
    }
    return null;
  }

  private static String firstPart(String path) {
    int dot = path.indexOf('.');
    return dot < 0 ? path : path.substring(0, dot);
  }

  private static String message(String name, TestLine other) {
    return "test_name \"" + name + "\" collides in the metric tree with test \"" + other.testName()
        + "\" at " + other.where() + " (their metric names overlap), expected names that do not"
        + " continue another test's name with one of its metrics (" + String.join(", ",
            METRIC_WORDS.stream().sorted().toList()) + "); this line is ignored";
  }
}
