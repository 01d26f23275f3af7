package io.github.capacity.metrics.internal;

import java.util.regex.Pattern;

/**
 * Turns test names, hosts and prefixes into safe parts of metric names, so that no configured
 * value can inject a metric line, a field separator or a path: every character outside {@code
 * A-Z a-z 0-9 _ -} (and {@code .} where hierarchy is allowed) becomes {@code _}. Stateless.
 */
public final class MetricNames {
  private static final Pattern NOT_COMPONENT = Pattern.compile("[^A-Za-z0-9_-]");
  private static final Pattern NOT_PATH = Pattern.compile("[^A-Za-z0-9_.-]");
  private static final Pattern DOTS = Pattern.compile("\\.{2,}");

  private MetricNames() {}

  /** One level of a metric name: dots become {@code _} too (a host {@code web1.example} stays one level). */
  public static String component(String raw) {
    String safe = NOT_COMPONENT.matcher(raw).replaceAll("_");
    return safe.isEmpty() ? "_" : safe;
  }

  /**
   * A dotted metric path such as a test name {@code shop.home}: dots are kept as hierarchy, but
   * runs of dots collapse to one and leading or trailing dots go, so no empty level appears.
   */
  public static String path(String raw) {
    String safe = DOTS.matcher(NOT_PATH.matcher(raw).replaceAll("_")).replaceAll(".");
    int start = 0;
    int end = safe.length();
    while (start < end && safe.charAt(start) == '.') {
      start++;
    }
    while (end > start && safe.charAt(end - 1) == '.') {
      end--;
    }
    return start == end ? "_" : safe.substring(start, end);
  }

  /** Whether {@code raw} is already a safe path, for validating configured prefixes. */
  public static boolean isSafePath(String raw) {
    return !raw.isEmpty() && path(raw).equals(raw);
  }
}
