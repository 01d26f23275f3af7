package io.github.capacity.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code capacity report [FILE|FOLDER...] [-o report.html] [filters]}: reads the {@code file}
 * destination's JSON lines and writes one self-contained HTML page of charts (see
 * {@code docs/report.md}). Bad lines are counted and the first ones named on stderr; they never
 * stop the report.
 */
public final class ReportCommand {
  /** Exit statuses, as the runner's: ok, no input, usage, cannot write. */
  public static final int OK = 0;
  public static final int NO_INPUT = 1;
  public static final int USAGE = 2;
  public static final int FAILURE = 5;
  private static final int BAD_LINES_SHOWN = 10;

  private ReportCommand() {}

  /**
   * Runs the command and returns its exit status; never throws for bad input. When no FILE or
   * FOLDER is given, {@code defaultInput} names the folder to read (the installation's results
   * folder), or returns null after saying on {@code err} why there is none.
   */
  public static int run(List<String> args, Supplier<Path> defaultInput, String version, PrintStream out,
      PrintStream err) {
    ReportOptions options;
    try {
      options = ReportOptions.parse(args);
    } catch (ReportOptions.UsageException e) {
      err.println("capacity report: " + e.getMessage());
      err.println("usage: capacity report [FILE|FOLDER...] [-o report.html] [--from TIME] [--to TIME]"
          + " [--test NAME,...] [--host NAME,...] [--step SECONDS]");
      return USAGE;
    }
    List<Path> inputs = options.inputs();
    if (inputs.isEmpty()) {
      Path folder = defaultInput.get();
      if (folder == null) {
        return NO_INPUT;
      }
      inputs = List.of(folder);
    }
    long startNanos = System.nanoTime();
    List<Path> files;
    try {
      files = InputFiles.expand(inputs);
    } catch (NoSuchFileException e) {
      err.println("capacity report: " + e.getFile()
          + ": no such file or folder, expected results files of the file destination");
      return NO_INPUT;
    } catch (IOException e) {
      err.println("capacity report: cannot list " + inputs + ": " + e);
      return NO_INPUT;
    }
    if (files.isEmpty()) {
      err.println("capacity report: no *.jsonl or *.jsonl.gz file in " + inputs);
      return NO_INPUT;
    }
    Report report = Report.read(files, options.filter(), options.stepSeconds());
    try {
      report.write(options.output(), version);
    } catch (IOException e) {
      err.println("capacity report: cannot write " + options.output() + ": " + e);
      return FAILURE;
    }
    ResultsReader reader = report.reader();
    reader.badLines().stream().limit(BAD_LINES_SHOWN).forEach(line -> err.println("capacity report: " + line));
    if (reader.bad() > BAD_LINES_SHOWN) {
      err.println("capacity report: " + reader.bad() + " bad lines in all, the first "
          + reader.badLines().size() + " listed in the report");
    }
    out.printf(Locale.ROOT, "report: %s (%,d %s from %d %s, %,d kept, %,d bad, %.1f s)%n",
        options.output().toAbsolutePath(), reader.lines(), reader.lines() == 1 ? "line" : "lines",
        files.size(), files.size() == 1 ? "file" : "files",
        report.aggregation().kept,
        reader.bad(), (System.nanoTime() - startNanos) / 1e9);
    return OK;
  }
}
