package io.github.capacity.api;

import java.util.Objects;

/**
 * What one execution of a test came to, as reported by its {@link PreparedTest}. Timing is not
 * part of it: the engine reads its own clock when the execution starts and when the outcome
 * arrives, so every test type is measured the same way.
 *
 * @param ok whether the execution met its expectations
 * @param errorClass why it failed, or {@code null} when {@code ok}
 * @param status a protocol status (an HTTP status code), or {@link #NO_STATUS}
 * @param bytes bytes received, {@code >= 0}
 * @param detail a short human-readable explanation for logs, or {@code null}. It must never hold
 *     a secret: test types strip credentials before they build it.
 */
public record Outcome(boolean ok, ErrorClass errorClass, int status, long bytes, String detail) {
  /** {@link #status()} when the protocol gave none (the connection failed, say). */
  public static final int NO_STATUS = -1;

  public Outcome {
    if (ok && errorClass != null) {
      throw new IllegalArgumentException("an ok outcome has no error class: " + errorClass);
    }
    if (!ok) {
      Objects.requireNonNull(errorClass, "a failed outcome needs an error class");
    }
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes < 0: " + bytes);
    }
  }

  /** A successful execution. */
  public static Outcome ok(int status, long bytes) {
    return new Outcome(true, null, status, bytes, null);
  }

  /** A failed execution. */
  public static Outcome failed(ErrorClass errorClass, int status, long bytes, String detail) {
    return new Outcome(false, errorClass, status, bytes, detail);
  }

  /** A failed execution without a status or body. */
  public static Outcome failed(ErrorClass errorClass, String detail) {
    return new Outcome(false, errorClass, NO_STATUS, 0, detail);
  }

  /** An execution the engine cancelled before it reported anything. */
  public static Outcome cancelled() {
    return failed(ErrorClass.CANCELLED, "cancelled");
  }

  /** An execution that never started because {@code max_in_flight} were already running. */
  public static Outcome dropped() {
    return failed(ErrorClass.DROPPED, "max_in_flight reached");
  }

  /** Whether the execution never started: see {@link #dropped()}. */
  public boolean isDropped() {
    return ErrorClass.DROPPED.equals(errorClass);
  }
}
