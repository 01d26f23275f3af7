package io.github.capacity.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A report read from results files, ready to be written as a page. Not thread safe. */
final class Report {
  private final Aggregation aggregation;
  private final ResultsReader reader;
  private final Filter filter;

  private Report(Aggregation aggregation, ResultsReader reader, Filter filter) {
    this.aggregation = aggregation;
    this.reader = reader;
    this.filter = filter;
  }

  /** Reads {@code files} in order, keeping what {@code filter} keeps. */
  static Report read(List<Path> files, Filter filter, int stepSeconds) {
    Aggregation aggregation = new Aggregation(new Timeline(Timeline.MAX_BUCKETS, stepSeconds), filter);
    ResultsReader reader = new ResultsReader(aggregation);
    files.forEach(reader::read);
    return new Report(aggregation, reader, filter);
  }

  /** Writes the page to {@code output}, replacing it whole (a temporary file, then a move). */
  void write(Path output, String version) throws IOException {
    new HtmlPage(aggregation, reader, filter, version).write(output);
  }

  Aggregation aggregation() {
    return aggregation;
  }

  ResultsReader reader() {
    return reader;
  }
}
