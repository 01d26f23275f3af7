package io.github.capacity.report;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The arguments of {@code capacity report}: the inputs, {@code -o FILE}, and the filters
 * {@code --from TIME}, {@code --to TIME}, {@code --test NAME[,NAME...]} and
 * {@code --host NAME[,NAME...]} (both repeatable), and {@code --step SECONDS}, the narrowest
 * time bucket. Times are ISO-8601: {@code 2026-12-03T10:00:00Z} or with an offset
 * ({@code +01:00}); without one, UTC: {@code 2026-12-03T10:00} or a day, {@code 2026-12-03}.
 * Immutable.
 */
record ReportOptions(List<Path> inputs, Path output, Filter filter, int stepSeconds) {
  static final Path DEFAULT_OUTPUT = Path.of("capacity-report.html");

  /** Thrown with the message to print for a bad argument. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  static ReportOptions parse(List<String> args) throws UsageException {
    List<Path> inputs = new ArrayList<>();
    Path output = DEFAULT_OUTPUT;
    long from = Long.MIN_VALUE;
    long to = Long.MAX_VALUE;
    Set<String> tests = new LinkedHashSet<>();
    Set<String> hosts = new LinkedHashSet<>();
    int step = 1;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "-o", "--output" -> output = Path.of(value(args, ++i, arg));
        case "--from" -> from = time(value(args, ++i, arg), arg);
        case "--to" -> to = time(value(args, ++i, arg), arg);
        case "--test" -> tests.addAll(names(value(args, ++i, arg)));
        case "--host" -> hosts.addAll(names(value(args, ++i, arg)));
        case "--step" -> step = step(value(args, ++i, arg));
        default -> {
          if (arg.startsWith("-") && !arg.equals("-")) {
            throw new UsageException(
                "unknown option \"" + arg + "\", expected -o, --from, --to, --test, --host or --step");
          }
          inputs.add(Path.of(arg));
        }
      }
    }
    if (from >= to) {
      throw new UsageException("--from must be before --to");
    }
    return new ReportOptions(List.copyOf(inputs), output, new Filter(from, to, tests, hosts), step);
  }

  private static String value(List<String> args, int i, String option) throws UsageException {
    if (i >= args.size()) {
      throw new UsageException(option + " needs a value");
    }
    return args.get(i);
  }

  static long time(String text, String option) throws UsageException {
    try {
      if (text.endsWith("Z") || text.lastIndexOf('+') > 0 || text.lastIndexOf('-') > 10) {
        return OffsetDateTime.parse(text).toInstant().toEpochMilli();
      }
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
      }
      return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new UsageException(option + " \"" + text
          + "\" is not a time, expected ISO-8601 in UTC such as 2026-12-03T10:00:00Z or 2026-12-03");
    }
  }

  private static List<String> names(String text) throws UsageException {
    List<String> names = new ArrayList<>();
    for (String name : text.split(",")) {
      if (!name.isBlank()) {
        names.add(name.strip());
      }
    }
    if (names.isEmpty()) {
      throw new UsageException("\"" + text + "\" names nothing, expected NAME or NAME,NAME");
    }
    return names;
  }

  private static int step(String text) throws UsageException {
    try {
      int seconds = Integer.parseInt(text.endsWith("s") ? text.substring(0, text.length() - 1) : text);
      if (seconds >= 1 && seconds <= 86_400) {
        return seconds;
      }
    } catch (NumberFormatException e) {
      // Falls through to the message.
    }
    throw new UsageException("--step \"" + text + "\" is not a number of seconds from 1 to 86400");
  }
}
