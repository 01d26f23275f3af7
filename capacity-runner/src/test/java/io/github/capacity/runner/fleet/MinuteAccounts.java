package io.github.capacity.runner.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The runs' own account of each minute, from the {@code file} destination's results in a host's
 * {@code log.dir}: one {@code "kind":"minute"} line per test and minute with what was planned and
 * what ended ok.
 */
final class MinuteAccounts {
  private static final Pattern MINUTE = Pattern.compile(
      "\"kind\":\"minute\".*\"minute_epoch_ms\":(\\d+),\"planned\":(\\d+),.*?\"ok\":(\\d+)");

  /** One account: the minute, the executions planned in it and those that ended ok. */
  record Account(long minuteMillis, int planned, int ok) {}

  private MinuteAccounts() {}

  /** The account of {@code minuteMillis} on {@code host}; fails if its runs wrote none. */
  static Account of(SimulatedHost host, long minuteMillis) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(host.logDir())) {
      files = list.filter(p -> p.getFileName().toString().startsWith("results-")).sorted().toList();
    }
    Account found = null;
    for (Path file : files) {
      for (String line : Files.readAllLines(file)) {
        Matcher m = MINUTE.matcher(line);
        if (m.find() && Long.parseLong(m.group(1)) == minuteMillis) {
          if (found != null) {
            throw new AssertionError(host.name() + " accounted for minute " + minuteMillis + " twice");
          }
          found = new Account(minuteMillis, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        }
      }
    }
    if (found == null) {
      throw new AssertionError(host.name() + " wrote no account of minute " + minuteMillis + " in " + files);
    }
    return found;
  }
}
