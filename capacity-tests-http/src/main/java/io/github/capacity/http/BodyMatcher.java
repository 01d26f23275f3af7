package io.github.capacity.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Looks for a text in a response body as it streams past, keeping only the last few bytes, so a
 * large body is never held in memory. Matches the UTF-8 bytes of the text. Not thread safe: one
 * per response.
 */
final class BodyMatcher {
  private final byte[] needle;
  private byte[] tail = new byte[0];
  private boolean found;

  BodyMatcher(String text) {
    this.needle = text.getBytes(StandardCharsets.UTF_8);
  }

  void feed(byte[] chunk, int length) {
    feed(chunk, 0, length);
  }

  void feed(byte[] chunk, int offset, int length) {
    if (found) {
      return;
    }
    byte[] window = Arrays.copyOf(tail, tail.length + length);
    System.arraycopy(chunk, offset, window, tail.length, length);
    found = indexOf(window, needle) >= 0;
    int keep = Math.min(window.length, needle.length - 1);
    tail = Arrays.copyOfRange(window, window.length - keep, window.length);
  }

  boolean found() {
    return found;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
