package io.github.capacity.core.config;

import io.github.capacity.core.pacing.Fleet;
import io.github.capacity.core.pacing.Rate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns configuration files, one after another, into valid {@link TestLine}s and one {@link
 * ConfigError} per refused line. A test name seen before, in this file or an earlier one, is
 * refused: the first definition wins so that adding a file never takes a running test away from
 * the file that had it. One instance per read; not thread safe.
 */
final class LineParser {
  /** Longer than any valid line with generous spacing and a comment; guards against binary junk. */
  static final int MAX_LINE_LENGTH = 1024;

  private static final String FORMAT = "test_name|test_type|test_frequency|metrics_destination";

  private final List<TestLine> lines = new ArrayList<>();
  private final List<ConfigError> errors = new ArrayList<>();
  private final Map<String, TestLine> firstByName = new HashMap<>();
  private final Fleet fleet;

  /** @param fleet this host's place in its fleet, or {@code null} when the settings give none */
  LineParser(Fleet fleet) {
    this.fleet = fleet;
  }

  /** Parses one file's lines; the source is the label shown in errors. */
  void file(String source, List<TextLines.Line> fileLines) {
    for (TextLines.Line line : fileLines) {
      String problem = line(source, line);
      if (problem != null) {
        errors.add(new ConfigError(source, line.number(), problem));
      }
    }
  }

  /** Records a problem with a whole file, such as one that cannot be read. */
  void fileError(String source, String problem) {
    errors.add(new ConfigError(source, 0, problem));
  }

  ConfigSource.Snapshot snapshot() {
    return new ConfigSource.Snapshot(lines, errors);
  }

  /** Accepts the line or returns what is wrong with it; blank and comment lines are accepted. */
  private String line(String source, TextLines.Line line) {
    if (!line.validUtf8()) {
      return "line is not valid UTF-8 text, expected a UTF-8 (or ASCII) file";
    }
    String text = line.text();
    if (text.length() > MAX_LINE_LENGTH) {
      return "line is " + text.length() + " characters long, expected at most " + MAX_LINE_LENGTH;
    }
    String content = trim(withoutComment(text));
    if (content.isEmpty()) {
      return null;
    }
    String[] fields = content.split("\\|", -1);
    if (fields.length != 4) {
      return "found " + fields.length + (fields.length == 1 ? " field" : " fields")
          + ", expected 4 separated by '|': " + FORMAT;
    }
    String name = trim(fields[0]);
    String type = trim(fields[1]);
    String frequencyText = trim(fields[2]);
    String destination = trim(fields[3]);
    String problem = firstNonNull(
        Names.problem("test_name", name),
        Names.problem("test_type", type));
    Rate rate = null;
    if (problem == null) {
      try {
        rate = RateSyntax.parse(frequencyText, fleet);
      } catch (RateSyntax.BadRate e) {
        problem = e.getMessage();
      }
    }
    problem = firstNonNull(problem, Names.problem("metrics_destination", destination));
    if (problem != null) {
      return problem;
    }
    TestLine first = firstByName.get(name);
    if (first != null) {
      return "test_name \"" + name + "\" is already defined at " + first.where()
          + ", expected each test_name once (this line is ignored)";
    }
    TestLine accepted = new TestLine(source, line.number(), name, type, rate, destination);
    firstByName.put(name, accepted);
    lines.add(accepted);
    return null;
  }

  /**
   * A comment starts at a {@code #} at the start of the line or after a space or tab. No field may
   * hold a {@code #}, so a trailing comment is unambiguous; requiring the blank before it keeps a
   * stray {@code #} inside a field an error about that field.
   */
  private static String withoutComment(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '#' && (i == 0 || isBlank(text.charAt(i - 1)))) {
        return text.substring(0, i);
      }
    }
    return text;
  }

  /** Only spaces and tabs are trimmed; other invisible characters are reported, not hidden. */
  static String trim(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isBlank(text.charAt(start))) {
      start++;
    }
    while (end > start && isBlank(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  private static String firstNonNull(String... problems) {
    for (String problem : problems) {
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }
}
