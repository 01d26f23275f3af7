package io.github.capacity.core.config;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an operator's text file into numbered lines: a leading UTF-8 byte order mark is dropped,
 * {@code \n} and {@code \r\n} both end a line, and each line is decoded as UTF-8 on its own so that
 * one bad byte spoils one line, not the whole file. Stateless.
 */
final class TextLines {
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  /**
   * One line of a file.
   *
   * @param number 1-based
   * @param text the line without its line ending; {@code null} when it is not valid UTF-8
   */
  record Line(int number, String text) {
    boolean validUtf8() {
      return text != null;
    }
  }

  private TextLines() {}

  static List<Line> split(byte[] bytes) {
    List<Line> lines = new ArrayList<>();
    int start = startsWithBom(bytes) ? BOM.length : 0;
    int number = 1;
    for (int i = start; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == '\n') {
        if (i == bytes.length && i == start && number > 1) {
          break; // the file ended with a newline: no empty last line
        }
        int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
        lines.add(new Line(number++, decode(bytes, start, end)));
        start = i + 1;
      }
    }
    return lines;
  }

  static List<Line> split(String text) {
    List<Line> lines = new ArrayList<>();
    int start = text.startsWith("\uFEFF") ? 1 : 0;
    int number = 1;
    for (int i = start; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '\n') {
        if (i == text.length() && i == start && number > 1) {
          break;
        }
        int end = i > start && text.charAt(i - 1) == '\r' ? i - 1 : i;
        lines.add(new Line(number++, text.substring(start, end)));
        start = i + 1;
      }
    }
    return lines;
  }

  private static boolean startsWithBom(byte[] bytes) {
    return bytes.length >= 3 && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2];
  }

  private static String decode(byte[] bytes, int from, int to) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return decoder.decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** A value as shown in an error: quoted, control characters escaped, cut after 60 characters. */
  static String quote(String value) {
    StringBuilder out = new StringBuilder("\"");
    int shown = Math.min(value.length(), 60);
    for (int i = 0; i < shown; i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c) || Character.isSurrogate(c) || c == '\uFEFF') {
        out.append(String.format("\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append(value.length() > shown ? "...\"" : "\"").toString();
  }
}
