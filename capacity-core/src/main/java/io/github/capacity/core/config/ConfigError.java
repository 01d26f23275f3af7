package io.github.capacity.core.config;

import java.util.Objects;

/**
 * A mistake in a file the operator wrote, reported as {@code file:line: what is wrong, what was
 * expected}, for example {@code conf.d/shop.conf:7: test_frequency "abc" is not a number, expected
 * executions per minute such as 60}.
 *
 * @param source the file, as the operator knows it
 * @param line its 1-based line number, or 0 when the mistake is not on one line (a missing file)
 * @param message what is wrong and what was expected
 */
public record ConfigError(String source, int line, String message) {
  public ConfigError {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return line > 0 ? source + ":" + line + ": " + message : source + ": " + message;
  }
}
