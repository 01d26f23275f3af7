package io.github.capacity.core.config;

import io.github.capacity.core.pacing.Rate;
import io.github.capacity.core.pacing.Shape;
import java.util.Objects;

/**
 * One valid configuration line: {@code test_name|test_type|test_frequency|metrics_destination}.
 *
 * @param source the file it came from, as shown in messages (for embedded sources, any label)
 * @param line its 1-based line number in {@code source}
 * @param testName unique among the lines in force; 1 to 100 of letters, digits, {@code _ - .}
 * @param testType the name of a test in {@code tests.json}
 * @param rate the rate column: executions per minute on this host ({@code 60}), a fleet's total
 *     ({@code fleet:6000}) or a shape over time ({@code ramp(...)@START}, {@code steps(...)@START});
 *     a per-host rate never above {@link #MAX_FREQUENCY}, a fleet's never above {@link
 *     #MAX_FLEET_FREQUENCY}
 * @param destination a name from {@code destinations.json} or a built-in destination
 */
public record TestLine(
    String source, int line, String testName, String testType, Rate rate, String destination) {

  /** Executions per minute above which a line is refused: 50,000 a second protects the host. */
  public static final int MAX_FREQUENCY = 3_000_000;
  /**
   * A fleet's total above which a line is refused; each host's share is also held to {@link
   * #MAX_FREQUENCY}. Keeps the exact integer plan of a minute within 64 bits.
   */
  public static final int MAX_FLEET_FREQUENCY = 100_000_000;

  public TestLine {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(testName, "testName");
    Objects.requireNonNull(testType, "testType");
    Objects.requireNonNull(rate, "rate");
    Objects.requireNonNull(destination, "destination");
    int peak = rate.shape().peakPerMinute();
    int max = rate.fleetWide() ? MAX_FLEET_FREQUENCY : MAX_FREQUENCY;
    if (peak > max) {
      throw new IllegalArgumentException("rate above " + max + ": " + rate);
    }
  }

  /** A line with the seed's plain rate: {@code frequency} executions per minute on this host. */
  public TestLine(String source, int line, String testName, String testType, int frequency,
      String destination) {
    this(source, line, testName, testType, checked(frequency), destination);
  }

  private static Rate checked(int frequency) {
    if (frequency < 1 || frequency > MAX_FREQUENCY) {
      throw new IllegalArgumentException("frequency out of [1, " + MAX_FREQUENCY + "]: " + frequency);
    }
    return Rate.perMinute(frequency);
  }

  /**
   * Executions per minute for the seed's plain rate; for the other forms, the highest rate the
   * line reaches as written (a fleet's total for {@code fleet:}). Pacing goes by {@link #rate()}.
   */
  public int frequency() {
    return rate.shape() instanceof Shape.Constant constant ? constant.perMinute() : rate.shape().peakPerMinute();
  }

  /** {@code file:line}, the way errors and logs point at this line. */
  public String where() {
    return source + ":" + line;
  }
}
