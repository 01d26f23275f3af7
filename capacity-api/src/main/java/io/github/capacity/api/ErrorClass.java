package io.github.capacity.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Why an execution failed, as a stable lower-case word that dashboards and alerts key on. The
 * constants are the built-in classes; a plugin may define its own with {@link #of(String)}.
 *
 * <p>Immutable. Two instances with the same word are equal.
 */
public record ErrorClass(String word) {
  private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9_]{0,39}");

  /** Nothing listens on the target port. */
  public static final ErrorClass CONNECT_REFUSED = new ErrorClass("connect_refused");
  /** The connection was not established in time. */
  public static final ErrorClass CONNECT_TIMEOUT = new ErrorClass("connect_timeout");
  /** The call, or a read or write in it, took longer than allowed. */
  public static final ErrorClass TIMEOUT = new ErrorClass("timeout");
  /** The host name did not resolve. */
  public static final ErrorClass DNS = new ErrorClass("dns");
  /** The TLS handshake failed (certificate, protocol, cipher). */
  public static final ErrorClass TLS = new ErrorClass("tls");
  /** The peer reset or closed the connection unexpectedly. */
  public static final ErrorClass RESET = new ErrorClass("reset");
  /** The response status was not one of those expected. */
  public static final ErrorClass HTTP_STATUS = new ErrorClass("http_status");
  /** The response body did not contain what was expected. */
  public static final ErrorClass BODY_MISMATCH = new ErrorClass("body_mismatch");
  /** The engine cancelled the execution (stop file, line removed, drain timeout). */
  public static final ErrorClass CANCELLED = new ErrorClass("cancelled");
  /** Any other I/O failure. */
  public static final ErrorClass IO = new ErrorClass("io");
  /** The execution never started: {@code max_in_flight} executions were already running. */
  public static final ErrorClass DROPPED = new ErrorClass("dropped");
  /** The configuration line names a test that is not defined or whose type is not installed. */
  public static final ErrorClass UNKNOWN_TEST_TYPE = new ErrorClass("unknown_test_type");
  /** The test implementation threw instead of reporting an outcome: a bug in the plugin. */
  public static final ErrorClass INTERNAL = new ErrorClass("internal");

  /**
   * @throws IllegalArgumentException unless {@code word} is 1 to 40 of {@code a-z 0-9 _},
   *     starting with a letter (it becomes part of metric names).
   */
  public ErrorClass {
    Objects.requireNonNull(word, "word");
    if (!WORD.matcher(word).matches()) {
      throw new IllegalArgumentException(
          "error class must be 1 to 40 of a-z, 0-9 and _, starting with a letter: \"" + word + "\"");
    }
  }

  /** An error class for {@code word}; see the constructor for the rule. */
  public static ErrorClass of(String word) {
    return new ErrorClass(word);
  }

  // equals and hashCode written out: a record's generated ones are bootstrapped through method
  // handles at their first call, which costs start-up time in every run that compares outcomes.
  @Override
  public boolean equals(Object other) {
    return other instanceof ErrorClass that && word.equals(that.word);
  }

  @Override
  public int hashCode() {
    return word.hashCode();
  }

  @Override
  public String toString() {
    return word;
  }
}
