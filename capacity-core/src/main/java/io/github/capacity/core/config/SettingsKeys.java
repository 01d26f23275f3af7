package io.github.capacity.core.config;

import java.util.List;
import java.util.Locale;

/** Words for an unknown settings key: the closest known key when one is obviously meant. */
final class SettingsKeys {
  private SettingsKeys() {}

  static String unknown(String key, List<String> known) {
    String closest = closest(key, known);
    if (closest != null) {
      return "unknown key " + TextLines.quote(key) + ", expected " + closest + " (did you mean it?)";
    }
    return "unknown key " + TextLines.quote(key) + ", expected one of " + String.join(", ", known);
  }

  /**
   * The known key that {@code key} obviously means: the same once case and the separators
   * {@code . _ -} are ignored, or else the only one within two edits.
   */
  static String closest(String key, List<String> known) {
    String wanted = normalize(key);
    String best = null;
    int bestDistance = 3;
    boolean tie = false;
    for (String candidate : known) {
      if (normalize(candidate).equals(wanted)) {
        return candidate;
      }
      int distance = distance(key.toLowerCase(Locale.ROOT), candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
        tie = false;
      } else if (distance == bestDistance) {
        tie = true;
      }
    }
    return tie ? null : best;
  }

  private static String normalize(String key) {
    return key.toLowerCase(Locale.ROOT).replaceAll("[._-]", "");
  }

  /** Levenshtein distance; keys are short, so the quadratic table is fine. */
  private static int distance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > 2) {
      return Integer.MAX_VALUE;
    }
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
