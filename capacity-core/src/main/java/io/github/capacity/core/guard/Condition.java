package io.github.capacity.core.guard;

import io.github.capacity.api.Definition;
import io.github.capacity.api.InvalidDefinitionException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One condition of an {@code abort} block, such as {@code error_rate > 5%}, {@code p99 > 800ms}
 * or {@code dropped_rate >= 1%}: a figure of the window, a comparison and a limit.
 *
 * <p>The figures: {@code error_rate}, failed executions as a share of those that ran; {@code
 * dropped_rate}, executions dropped at {@code max_in_flight} as a share of all; {@code pN} (such
 * as {@code p50}, {@code p99}, {@code p99.9}), a latency percentile measured from the planned
 * start. A percentile is judged without a histogram: {@code pN > T} holds exactly when more than
 * {@code (100 - N) %} of the executions took longer than {@code T}, so the window keeps one count
 * per condition and second, and the judgement is integer arithmetic. Immutable.
 *
 * @param text the condition as written, for the trip record and logs
 * @param figure what is compared
 * @param inclusive {@code >=} rather than {@code >}
 * @param limitPpm for the rates, the limit in parts per million
 * @param percentileMilli for a percentile, N in thousandths ({@code p99.9}: 99,900)
 * @param limitNanos for a percentile, the latency limit
 */
public record Condition(String text, Figure figure, boolean inclusive, long limitPpm,
    long percentileMilli, long limitNanos) {

  /** What a condition compares. */
  public enum Figure { ERROR_RATE, DROPPED_RATE, PERCENTILE }

  static final String EXPECTED = "expected a condition such as \"error_rate > 5%\", "
      + "\"dropped_rate > 1%\" or \"p99 > 800ms\" (a figure, > or >=, a limit)";
  private static final Pattern SYNTAX = Pattern.compile(
      "\\s*(error_rate|dropped_rate|p(\\d{1,2}(?:\\.\\d{1,3})?))\\s*(>=|>)\\s*(\\S.*?)\\s*");
  private static final Pattern PERCENT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,4})?)\\s*%");

  /**
   * Parses {@code text}; errors name {@code key} of {@code block}.
   *
   * @throws InvalidDefinitionException saying what is wrong and what was expected
   */
  static Condition parse(String text, Definition block, String key) throws InvalidDefinitionException {
    Matcher m = SYNTAX.matcher(text);
    if (!m.matches()) {
      throw block.error(key, Definition.describe(text) + " is not a condition, " + EXPECTED);
    }
    boolean inclusive = m.group(3).equals(">=");
    String limit = m.group(4);
    String canonical = m.group(1) + " " + m.group(3) + " " + limit;
    if (m.group(2) == null) {
      Figure figure = m.group(1).equals("error_rate") ? Figure.ERROR_RATE : Figure.DROPPED_RATE;
      Matcher percent = PERCENT.matcher(limit);
      double value = percent.matches() ? Double.parseDouble(percent.group(1)) : -1;
      if (value < 0 || value >= 100) {
        throw block.error(key, m.group(1) + " limit \"" + limit + "\" is not a percentage below 100,"
            + " expected one such as \"5%\" or \"0.5%\"");
      }
      return new Condition(canonical, figure, inclusive, Math.round(value * 10_000), 0, 0);
    }
    double percentile = Double.parseDouble(m.group(2));
    if (percentile <= 0) {
      throw block.error(key, m.group(1) + " is not a percentile, expected one from p1 to p99.999");
    }
    Duration latency = Definition.parseDuration(limit);
    if (latency == null || latency.isZero()) {
      throw block.error(key, m.group(1) + " limit \"" + limit + "\" is not a duration, expected one"
          + " such as \"800ms\" or \"2s\"");
    }
    return new Condition(canonical, Figure.PERCENTILE, inclusive, 0, Math.round(percentile * 1000),
        latency.toNanos());
  }

  /** Whether a latency counts towards this percentile condition: it is beyond the limit. */
  boolean beyond(long latencyNanos) {
    return inclusive ? latencyNanos >= limitNanos : latencyNanos > limitNanos;
  }

  /**
   * Whether the condition holds for the window's figures; {@code beyond} is the window's count of
   * latencies beyond this condition's limit. Nothing ran (only drops): rates of runs and
   * percentiles do not hold.
   */
  boolean holds(WindowFigures f, long beyond) {
    return switch (figure) {
      case ERROR_RATE -> f.ran() > 0 && compare(f.failed() * 1_000_000L, limitPpm * f.ran());
      case DROPPED_RATE -> compare(f.dropped() * 1_000_000L, limitPpm * f.total());
      // pN > T  <=>  fewer than N % of the runs took T or less  <=>  beyond > (100 - N) % of runs
      case PERCENTILE -> f.ran() > 0 && beyond * 100_000L > (100_000L - percentileMilli) * f.ran();
    };
  }

  private boolean compare(long left, long right) {
    return inclusive ? left >= right : left > right;
  }

  /** The figures that made the condition hold, as a sentence. */
  String explain(WindowFigures f, long beyond) {
    return switch (figure) {
      case ERROR_RATE -> "error_rate " + percent(f.failed(), f.ran()) + ": " + f.failed() + " of "
          + f.ran() + " executions failed in the last " + f.windowSeconds() + " s";
      case DROPPED_RATE -> "dropped_rate " + percent(f.dropped(), f.total()) + ": " + f.dropped()
          + " of " + f.total() + " executions dropped in the last " + f.windowSeconds() + " s";
      case PERCENTILE -> beyond + " of " + f.ran() + " executions (" + percent(beyond, f.ran())
          + ") took " + (inclusive ? "at least " : "longer than ") + millis(limitNanos)
          + " in the last " + f.windowSeconds() + " s, more than the "
          + BigDecimal.valueOf(100_000L - percentileMilli, 3).stripTrailingZeros().toPlainString()
          + "% a " + text.substring(0, text.indexOf(' ')) + " allows";
    };
  }

  private static String percent(long part, long whole) {
    return String.format(Locale.ROOT, "%.1f%%", whole == 0 ? 0.0 : 100.0 * part / whole);
  }

  private static String millis(long nanos) {
    return nanos % 1_000_000L == 0 ? nanos / 1_000_000L + " ms"
        : String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
  }
}
