package io.github.capacity.core.config;

import java.util.Objects;

/**
 * One valid configuration line: {@code test_name|test_type|test_frequency|metrics_destination}.
 *
 * @param source the file it came from, as shown in messages (for embedded sources, any label)
 * @param line its 1-based line number in {@code source}
 * @param testName unique among the lines in force; 1 to 100 of letters, digits, {@code _ - .}
 * @param testType the name of a test in {@code tests.json}
 * @param frequency executions per minute, from 1 to {@link #MAX_FREQUENCY}
 * @param destination a name from {@code destinations.json} or a built-in destination
 */
public record TestLine(
    String source, int line, String testName, String testType, int frequency, String destination) {

  /** Executions per minute above which a line is refused: 50,000 a second protects the host. */
  public static final int MAX_FREQUENCY = 3_000_000;

  public TestLine {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(testName, "testName");
    Objects.requireNonNull(testType, "testType");
    Objects.requireNonNull(destination, "destination");
    if (frequency < 1 || frequency > MAX_FREQUENCY) {
      throw new IllegalArgumentException("frequency out of [1, " + MAX_FREQUENCY + "]: " + frequency);
    }
  }

  /** {@code file:line}, the way errors and logs point at this line. */
  public String where() {
    return source + ":" + line;
  }
}
