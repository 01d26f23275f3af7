package io.github.capacity.api;

import java.util.Objects;

/**
 * Something wrong with a test as configured, reported to its destination as an error metric so
 * that dashboards show it, not only logs: for instance a line whose test is not defined or whose
 * type is not installed ({@link ErrorClass#UNKNOWN_TEST_TYPE}).
 *
 * @param testName the configuration line's {@code test_name}
 * @param host the host this instance runs on
 * @param kind what is wrong, as an error class
 * @param message a sentence for logs, naming the file and line
 * @param epochMillis when it was found
 */
public record Problem(String testName, String host, ErrorClass kind, String message, long epochMillis) {
  public Problem {
    Objects.requireNonNull(testName, "testName");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }
}
