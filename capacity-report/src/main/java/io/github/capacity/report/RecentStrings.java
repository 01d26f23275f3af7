package io.github.capacity.report;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * The last few distinct values of one string field, so that a value seen recently is returned
 * as the same {@link String} instead of a new one: the test names, hosts and kinds of a results
 * file are a handful, repeated on a million lines. Not thread safe.
 */
final class RecentStrings {
  private static final int SIZE = 16;
  private final String[] values = new String[SIZE];
  private int next;

  /** The parser's current string value, a kept instance when it is one of the recent ones. */
  String of(JsonParser json) throws IOException {
    char[] chars = json.getTextCharacters();
    int offset = json.getTextOffset();
    int length = json.getTextLength();
    for (String value : values) {
      if (value != null && equal(value, chars, offset, length)) {
        return value;
      }
    }
    String value = new String(chars, offset, length);
    values[next] = value;
    next = (next + 1) % SIZE;
    return value;
  }

  private static boolean equal(String value, char[] chars, int offset, int length) {
    if (value.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (value.charAt(i) != chars[offset + i]) {
        return false;
      }
    }
    return true;
  }
}
