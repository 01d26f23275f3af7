package io.github.capacity.runner;

import io.github.capacity.core.config.ConfigException;
import io.github.capacity.core.config.Settings;
import io.github.capacity.report.ReportCommand;
import io.github.capacity.runner.logging.LogOutput;
import io.github.capacity.runner.logging.LogOutput.StderrPolicy;
import io.github.capacity.runner.logging.Printable;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bin/capacity}: with no arguments, the cron job (one calendar minute of tests, steered by
 * files); {@code check [FILE...]}, {@code demo}, {@code report}, {@code --version} and
 * {@code --help} for people.
 * The exit statuses are those of {@link ExitCode}. The runner only wires: the core runs.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // Out of memory on any thread (a sender, a test's client): a distinct exit at once, rather than
    // a run limping on without the thread; the heap's size is the launcher's (-Xmx64m).
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
      if (e instanceof OutOfMemoryError) {
        outOfMemory((OutOfMemoryError) e, System.err);
        LogOutput.get().close();
        Runtime.getRuntime().halt(ExitCode.OUT_OF_MEMORY);
      }
      org.slf4j.LoggerFactory.getLogger(Main.class).error("thread {} failed", thread.getName(), e);
    });
    int status = run(args, System.out, System.err);
    LogOutput.get().close();
    System.exit(status);
  }

  /** Runs one command and returns its exit status; never throws. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    return guarded(() -> dispatch(args, out, err), err);
  }

  /** Runs {@code command}: a failure is logged, an OutOfMemoryError has its own exit status. */
  static int guarded(java.util.function.IntSupplier command, PrintStream err) {
    try {
      return command.getAsInt();
    } catch (OutOfMemoryError e) {
      return outOfMemory(e, err);
    } catch (RuntimeException | Error e) {
      // The log file gets the stack trace; stderr one line.
      org.slf4j.LoggerFactory.getLogger(Main.class).error("unexpected failure", e);
      return ExitCode.FAILURE;
    }
  }

  private static int outOfMemory(OutOfMemoryError e, PrintStream err) {
    String message = "out of memory (" + e.getMessage() + ") with a heap of at most "
        + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB; see \"Memory\" in"
        + " docs/operators.md (CAPACITY_JAVA_OPTS=-Xmx... raises it)";
    LogOutput.get().fileOnly(Main.class.getName(), message); // stderr gets it once, below
    err.println("capacity: " + message);
    err.flush();
    return ExitCode.OUT_OF_MEMORY;
  }

  private static int dispatch(String[] args, PrintStream out, PrintStream err) {
    List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
    String command = args.length == 0 ? "" : args[0];
    {
      switch (command) {
        case "":
          LogOutput.get().stderrPolicy(StderrPolicy.ONCE_PER_ERROR);
          return new CronRun(Installation.home(), Installation.version(), err).run();
        case "check":
          LogOutput.get().stderrPolicy(StderrPolicy.WARNINGS);
          return new CheckCommand(Installation.home(), Installation.version(), out, err).run(rest);
        case "demo":
          LogOutput.get().stderrPolicy(StderrPolicy.WARNINGS);
          return new DemoCommand(Installation.version(), out, err).run(rest);
        case "report":
          LogOutput.get().stderrPolicy(StderrPolicy.WARNINGS);
          return ReportCommand.run(rest, () -> resultsFolder(err), Installation.version(), out, err);
        case "--version":
        case "version":
          out.println("capacity " + Installation.version() + " (Java " + Runtime.version() + ")");
          return ExitCode.OK;
        case "--help":
        case "-h":
        case "help":
          out.print(usage());
          return ExitCode.OK;
        default:
          err.println("capacity: unknown command \"" + Printable.line(command)
              + "\"; expected check, demo, report, --version or --help");
          err.print(usage());
          return ExitCode.USAGE;
      }
    }
  }

  /** The file destination's default folder, {@code log.dir}; null after printing why not. */
  private static Path resultsFolder(PrintStream err) {
    try {
      return Settings.fromEnvironment(Installation.home()).logDir();
    } catch (ConfigException e) {
      e.errors().forEach(error -> err.println("capacity report: " + error));
      err.println("capacity report: name the results files or folders to read");
      return null;
    }
  }

  static String usage() {
    return String.join(System.lineSeparator(),
        "usage: capacity                  run this calendar minute's tests (the cron job)",
        "       capacity check [FILE...]  validate settings, tests, destinations and config lines;",
        "                                 print the plan; exit 1 listing every file:line error.",
        "                                 A FILE may follow --settings, --tests, --destinations or",
        "                                 --lines to say what it is (else: by its name); candidate",
        "                                 lines are checked with the installed ones, less the file",
        "                                 named after --replaces (or of the same name)",
        "       capacity demo [SECONDS]   a self-contained run against a local target (default 20 s)",
        "       capacity report [FILE|FOLDER...] [-o report.html] [--from TIME] [--to TIME]",
        "                       [--test NAME,...] [--host NAME,...] [--step SECONDS]",
        "                                 one HTML page of charts from the file destination's",
        "                                 results (default: log.dir); see docs/report.md",
        "       capacity --version        print the version",
        "       capacity --help           print this help",
        "",
        "Settings: -Dcapacity.settings, $CAPACITY_SETTINGS or /etc/capacity/capacity.properties.",
        "Exit status: 0 ok, 1 configuration error, 2 usage, 3 no instance slot, 4 stopped (stop file),",
        "5 failure, 6 out of memory. See docs/operators.md.",
        "");
  }
}
