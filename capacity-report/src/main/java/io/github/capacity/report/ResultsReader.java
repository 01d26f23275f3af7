package io.github.capacity.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads results files into an {@link Aggregation}, one line at a time. A line that cannot be used
 * (cut off, corrupt, missing a field) is counted and the first {@link #NAMED_BAD_LINES} are named
 * as {@code file:line: what is wrong, expected what}; it never stops the report. Not thread safe.
 */
final class ResultsReader implements LineScanner.LineSink {
  static final int NAMED_BAD_LINES = 100;
  static final int NAMED_OTHER_KINDS = 50;

  private final Aggregation aggregation;
  private final LineScanner scanner = new LineScanner();
  private final LineParser parser = new LineParser();
  private final Line line = new Line();
  private final List<String> badLines = new ArrayList<>();
  private final Map<String, Long> otherKinds = new TreeMap<>();
  private final List<String> files = new ArrayList<>();
  private long lines;
  private long bad;
  private String file;

  ResultsReader(Aggregation aggregation) {
    this.aggregation = aggregation;
  }

  /** Reads one file; a file that cannot be opened is one bad line of its own. */
  void read(Path path) {
    file = path.toString();
    files.add(file);
    try {
      lines += scanner.scan(path, this);
    } catch (IOException e) {
      unreadable(0, "cannot read the file (" + e + ")");
    }
  }

  @Override
  public void line(byte[] bytes, int offset, int length, long number) {
    String problem = parser.parse(bytes, offset, length, line);
    if (problem != null) {
      unreadable(number, problem);
    } else if (line.kind == Line.Kind.OTHER) {
      if (otherKinds.containsKey(line.kindName) || otherKinds.size() < NAMED_OTHER_KINDS) {
        otherKinds.merge(line.kindName, 1L, Long::sum);
      }
    } else {
      aggregation.add(line);
    }
  }

  @Override
  public void unreadable(long number, String problem) {
    bad++;
    if (badLines.size() < NAMED_BAD_LINES) {
      badLines.add(file + ":" + number + ": " + problem);
    }
  }

  /** Lines read, bad ones included. */
  long lines() {
    return lines;
  }

  long bad() {
    return bad;
  }

  /** The first bad lines, {@code file:line: problem}. */
  List<String> badLines() {
    return badLines;
  }

  /** Lines of kinds the report does not draw, by kind. */
  Map<String, Long> otherKinds() {
    return otherKinds;
  }

  List<String> files() {
    return files;
  }
}
