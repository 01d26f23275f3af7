package io.github.capacity.http;

import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.Outcome;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Turns what a response or failure came to into an {@link Outcome}, the same way for both
 * clients: the status and body checks, the error class, and a one-line detail with the URL
 * redacted and the definition's secrets scrubbed. Stateless.
 */
final class HttpOutcomes {
  private static final int MAX_DETAIL_TEXT = 60;

  private HttpOutcomes() {}

  /** A complete response: ok, or {@code http_status} / {@code body_mismatch}. */
  static Outcome response(HttpSpec spec, int status, long bytes, BodyMatcher matcher) {
    if (!spec.expectedStatus().matches(status)) {
      return failed(spec, ErrorClass.HTTP_STATUS, status, bytes,
          "status " + status + ", expected " + spec.expectedStatus().description());
    }
    if (matcher != null && !matcher.found()) {
      return failed(spec, ErrorClass.BODY_MISMATCH, status, bytes,
          "body does not contain \"" + shorten(spec.bodyContains()) + "\"");
    }
    return Outcome.ok(status, bytes);
  }

  /** A failed call, classified by {@link ErrorClassifier}. */
  static Outcome failure(HttpSpec spec, IOException e, boolean connecting, int status, long bytes) {
    ErrorClass errorClass = ErrorClassifier.classify(e, connecting);
    String message = e.getMessage() == null ? "" : ": " + e.getMessage();
    return failed(spec, errorClass, status, bytes, e.getClass().getSimpleName() + message);
  }

  /** A call that waited for a connection longer than its slot, so as not to be sent in a burst. */
  static Outcome dropped(long slotNanos) {
    return Outcome.failed(ErrorClass.DROPPED, "waited for a free connection longer than its slot ("
        + TimeUnit.NANOSECONDS.toMillis(slotNanos) + " ms, from the rate), not sent late in a burst");
  }

  static Outcome failed(HttpSpec spec, ErrorClass errorClass, int status, long bytes, String detail) {
    String safe = spec.secrets().scrub(errorClass + " on " + spec.method() + " "
        + spec.url().redact() + ": " + detail);
    // One line: some messages (a certificate mismatch) span several.
    return Outcome.failed(errorClass, status, bytes, safe.replaceAll("\\s*\\R\\s*", " "));
  }

  private static String shorten(String text) {
    return text.length() > MAX_DETAIL_TEXT ? text.substring(0, MAX_DETAIL_TEXT) + "..." : text;
  }
}
