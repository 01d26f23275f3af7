package io.github.capacity.runner.logging;

/**
 * Makes text from files and plugins safe for a terminal, the log and cron mail: every control
 * character (escape sequences, carriage returns that hide what came before, line feeds that
 * forge a line of their own) is shown as {@code \\uXXXX}. Stateless.
 */
public final class Printable {
  private Printable() {}

  /** {@code text} on one line with its control characters escaped; {@code null} stays "null". */
  public static String line(String text) {
    if (text == null) {
      return "null";
    }
    int i = 0;
    while (i < text.length() && !unsafe(text.charAt(i))) {
      i++;
    }
    if (i == text.length()) {
      return text; // the usual case: nothing to copy
    }
    StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (unsafe(c)) {
        out.append(String.format("\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean unsafe(char c) {
    // C0, DEL and C1 controls; U+2028/2029 and bidirectional overrides reorder what a terminal shows.
    return Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
        || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
  }
}
