package io.github.capacity.runner.logging;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.event.Level;

/**
 * Where every log line of the process goes: the log file (once {@link #toFile} is called) and
 * stderr, following a {@link StderrPolicy}. In cron mode stdout is never written and stderr hears
 * of each error once per process, that is once per minute, so cron mail is short and useful.
 *
 * <p>The level is {@code INFO} unless the system property {@code capacity.log.level} (or the
 * environment variable {@code CAPACITY_LOG_LEVEL}) says {@code TRACE}, {@code DEBUG}, {@code WARN}
 * or {@code ERROR}. Thread safe.
 */
public final class LogOutput {
  /** The file's size cap: above it the file is renamed to {@code capacity.log.1} and restarted. */
  public static final long MAX_FILE_BYTES = 10L * 1024 * 1024;

  private static final LogOutput INSTANCE = new LogOutput(System.err, levelFromEnvironment());

  /** What reaches stderr. */
  public enum StderrPolicy {
    /** Errors only, each message once: the cron job. */
    ONCE_PER_ERROR,
    /** Warnings and errors, every time: {@code check} and {@code demo}, run by people. */
    WARNINGS,
    /** Nothing: {@code check} while the engine validates, since it prints every finding itself. */
    NONE
  }

  /** The policy in force, to restore after a temporary change. */
  public StderrPolicy stderrPolicy() {
    return policy;
  }

  private final PrintStream stderr;
  private final Level threshold;
  private final Set<String> reportedKeys = ConcurrentHashMap.newKeySet();
  /** Cron mode's stderr lines, printed sorted at {@link #close()} so the mail is the same each minute. */
  private final Set<String> cronMail = new TreeSet<>();
  private volatile StderrPolicy policy = StderrPolicy.WARNINGS;
  private volatile RotatingLogFile file;

  LogOutput(PrintStream stderr, Level threshold) {
    this.stderr = stderr;
    this.threshold = threshold;
  }

  /** The process-wide output that the SLF4J provider writes to. */
  public static LogOutput get() {
    return INSTANCE;
  }

  /** Chooses what reaches stderr from now on. */
  public void stderrPolicy(StderrPolicy policy) {
    this.policy = policy;
  }

  /**
   * Starts writing to {@code logDir/capacity.log}, creating the folder if needed. When that is
   * impossible, says so once on stderr and goes on without a file.
   */
  public void toFile(Path logDir) {
    try {
      RotatingLogFile opened = RotatingLogFile.open(logDir.resolve("capacity.log"), MAX_FILE_BYTES);
      RotatingLogFile previous = file;
      file = opened;
      if (previous != null) {
        previous.close();
      }
    } catch (IOException | RuntimeException e) {
      reportOnce("log-dir", "capacity: cannot write the log in " + logDir + " (log.dir): " + e);
    }
  }

  /** The log file in use, or {@code null}. */
  public Path file() {
    RotatingLogFile current = file;
    return current == null ? null : current.path();
  }

  /**
   * Prints {@code line} on stderr unless a line with this key was printed already; in cron mode,
   * at {@link #close()}, in sorted order: errors from several threads come in any order, and
   * mail that differs each minute defeats deduplication.
   */
  public void reportOnce(String key, String line) {
    if (reportedKeys.add(key)) {
      String safe = Printable.line(line);
      if (policy == StderrPolicy.ONCE_PER_ERROR) {
        synchronized (cronMail) {
          cronMail.add(safe);
        }
      } else {
        stderr.println(safe);
        stderr.flush();
      }
    }
  }

  /** Prints the cron mode's stderr lines, sorted; later ones wait for the next call. */
  public void flushStderr() {
    synchronized (cronMail) {
      cronMail.forEach(stderr::println);
      cronMail.clear();
    }
    stderr.flush();
  }

  /** Writes an error to the log file only; for one the caller prints on stderr itself. */
  public void fileOnly(String loggerName, String message) {
    try {
      RotatingLogFile current = file;
      if (current != null) {
        current.append(Instant.now() + " ERROR [" + Thread.currentThread().getName() + "] "
            + loggerName.substring(loggerName.lastIndexOf('.') + 1) + ": " + Printable.line(message) + "\n");
      }
    } catch (RuntimeException | Error e) {
      // Out of memory, say: the caller's stderr line still tells.
    }
  }

  boolean enabled(Level level) {
    return level.toInt() >= threshold.toInt();
  }

  void write(Level level, String loggerName, String message, Throwable throwable) {
    if (!enabled(level)) {
      return;
    }
    String shortName = loggerName.substring(loggerName.lastIndexOf('.') + 1);
    RotatingLogFile current = file;
    if (current != null) {
      StringBuilder line = new StringBuilder(128)
          .append(Instant.now()).append(' ').append(level).append(' ')
          .append('[').append(Thread.currentThread().getName()).append("] ")
          .append(shortName).append(": ").append(Printable.line(message)).append('\n');
      if (throwable != null) {
        line.append(stackTrace(throwable));
      }
      current.append(line.toString());
    }
    String human = "capacity: " + level.toString().toLowerCase(Locale.ROOT) + ": " + message
        + (throwable != null ? " (" + throwable + ")" : "");
    if (policy == StderrPolicy.WARNINGS) {
      if (level.toInt() >= Level.WARN.toInt()) {
        stderr.println(Printable.line(human));
      }
    } else if (policy == StderrPolicy.ONCE_PER_ERROR && level == Level.ERROR) {
      reportOnce(message, human); // the same error from two loggers is one error
    }
  }

  /** Prints what waits for stderr, flushes and closes the file; later lines go to stderr only. */
  public void close() {
    flushStderr();
    RotatingLogFile current = file;
    file = null;
    if (current != null) {
      current.close();
    }
  }

  private static String stackTrace(Throwable throwable) {
    StringWriter out = new StringWriter();
    throwable.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  private static Level levelFromEnvironment() {
    String value = System.getProperty("capacity.log.level", System.getenv("CAPACITY_LOG_LEVEL"));
    if (value == null || value.isBlank()) {
      return Level.INFO;
    }
    try {
      return Level.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Level.INFO;
    }
  }
}
