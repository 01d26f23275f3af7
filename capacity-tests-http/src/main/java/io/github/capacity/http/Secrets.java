package io.github.capacity.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The secret values of one definition (credential headers, values read from the environment, a
 * password in the URL), and the scrubber that keeps them out of every message. Immutable.
 *
 * <p>Values shorter than {@link #MIN_LENGTH} are not scrubbed: replacing {@code "1"} everywhere
 * would garble status codes and ports while protecting nothing worth the name.
 */
final class Secrets {
  static final int MIN_LENGTH = 4;
  static final String MASK = "<redacted>";

  private final List<String> values;

  Secrets(Collection<String> values) {
    List<String> kept = new ArrayList<>();
    for (String value : values) {
      if (value != null && value.length() >= MIN_LENGTH && !kept.contains(value)) {
        kept.add(value);
      }
    }
    // Longest first, so that "Bearer abcd" is masked whole before "abcd" alone.
    kept.sort(Comparator.comparingInt(String::length).reversed());
    this.values = List.copyOf(kept);
  }

  /** {@code text} with every secret value replaced by {@link #MASK}; {@code null} stays null. */
  String scrub(String text) {
    if (text == null) {
      return null;
    }
    String scrubbed = text;
    for (String value : values) {
      scrubbed = scrubbed.replace(value, MASK);
    }
    return scrubbed;
  }
}
