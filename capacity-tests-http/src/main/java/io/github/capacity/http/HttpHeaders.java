package io.github.capacity.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A definition's request headers in order, names as written: what both clients send besides their
 * own. The project's own type, so that a plain-http run loads no OkHttp class. Immutable.
 */
final class HttpHeaders {
  static final HttpHeaders NONE = new HttpHeaders(List.of());

  /** Alternating names and values. */
  private final List<String> namesAndValues;

  private HttpHeaders(List<String> namesAndValues) {
    this.namesAndValues = Collections.unmodifiableList(namesAndValues);
  }

  /** These headers and {@code name: value} after them. */
  HttpHeaders plus(String name, String value) {
    List<String> more = new ArrayList<>(namesAndValues);
    more.add(name);
    more.add(value);
    return new HttpHeaders(more);
  }

  int size() {
    return namesAndValues.size() / 2;
  }

  String name(int i) {
    return namesAndValues.get(2 * i);
  }

  String value(int i) {
    return namesAndValues.get(2 * i + 1);
  }

  /** The last value of {@code name}, ignoring case, or {@code null}. */
  String get(String name) {
    for (int i = size() - 1; i >= 0; i--) {
      if (name(i).equalsIgnoreCase(name)) {
        return value(i);
      }
    }
    return null;
  }
}
