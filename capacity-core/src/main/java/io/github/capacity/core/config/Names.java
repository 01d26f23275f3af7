package io.github.capacity.core.config;

/**
 * The rule shared by test names, test types, destination names and entry names in the JSON files:
 * 1 to 100 ASCII letters, digits, {@code _}, {@code -} and {@code .}, where dots separate the
 * parts of a metric path and so may not lead, trail or repeat. ASCII only, because the names end
 * up in Graphite and StatsD metric paths. Stateless.
 */
final class Names {
  static final int MAX_LENGTH = 100;
  static final String EXPECTED = "expected letters, digits, '_', '-' and '.' only";

  private Names() {}

  /** What is wrong with {@code value} as a {@code what}, or {@code null} when it is a good name. */
  static String problem(String what, String value, int maxLength) {
    if (value.isEmpty()) {
      return what + " is empty, expected 1 to " + maxLength + " letters, digits, '_', '-' or '.'";
    }
    if (value.length() > maxLength) {
      return what + " is " + value.length() + " characters long, expected at most " + maxLength;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!isNameChar(c)) {
        return what + " " + TextLines.quote(value) + " has the character " + show(c) + ", " + EXPECTED;
      }
    }
    if (value.startsWith(".") || value.endsWith(".")) {
      return what + " " + TextLines.quote(value) + (value.startsWith(".") ? " starts" : " ends")
          + " with a dot, expected dots only between parts such as shop.home";
    }
    if (value.contains("..")) {
      return what + " " + TextLines.quote(value)
          + " has two dots in a row, expected dots only between parts such as shop.home";
    }
    return null;
  }

  static String problem(String what, String value) {
    return problem(what, value, MAX_LENGTH);
  }

  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '_' || c == '-' || c == '.';
  }

  private static String show(char c) {
    if (c == ' ') {
      return "' ' (a space)";
    }
    if (Character.isISOControl(c) || Character.isSurrogate(c) || Character.isSpaceChar(c)
        || c == '\uFEFF') {
      return String.format("U+%04X", (int) c);
    }
    return "'" + c + "'";
  }
}
