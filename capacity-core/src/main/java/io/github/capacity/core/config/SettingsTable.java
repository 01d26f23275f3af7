package io.github.capacity.core.config;

import io.github.capacity.core.pacing.CatchUp;
import io.github.capacity.core.pacing.Fleet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Every key of {@code capacity.properties}, declared once: name, default, reader and the text of
 * its row in the keys table of {@code docs/configuration.md} (a test compares the two). To add a
 * key: a constant here, added to {@link #ALL} in documentation order, and its row in the docs.
 * {@link Settings#get} then reads it; an accessor on {@link Settings} is a convenience.
 */
public final class SettingsTable {
  private SettingsTable() {}

  public static final Setting<Path> CONFIG_PATH = path("config.path", "/etc/capacity/conf.d",
      "a file or a folder of `*.conf` files (may not exist yet)");
  public static final Setting<Path> STOP_FILE = path("stop.file", "/etc/capacity/stop",
      "a path; while it exists, nothing runs");
  public static final Setting<Path> TESTS_FILE = path("tests.file", "/etc/capacity/tests.json",
      "a path");
  public static final Setting<Path> DESTINATIONS_FILE = path("destinations.file",
      "/etc/capacity/destinations.json", "a path");
  public static final Setting<Path> LOCK_DIR = path("lock.dir", "/var/lock/capacity",
      "a folder for the instance locks");
  public static final Setting<Path> TRIPS_DIR = path("trips.dir", "/var/lib/capacity/trips",
      "a folder for the trip records of tests stopped by their `abort` block; keep it across reboots");
  public static final Setting<Integer> MAX_INSTANCES = new Setting<>("max.instances", dir -> 3,
      "`3`", "1 to 100 overlapping runs per host", Setting.wholeNumber(1, 100));
  public static final Setting<Path> PLUGINS_DIR = new Setting<>("plugins.dir",
      dir -> dir.resolve("plugins"), "`<install dir>/plugins`", "a folder of plugin jars",
      Setting.path());
  public static final Setting<Path> LOG_DIR = path("log.dir", "/var/log/capacity", "a folder");
  public static final Setting<CatchUp> CATCH_UP = new Setting<>("catch_up", dir -> CatchUp.SPREAD,
      "`spread`", "`spread` or `skip` (any case)",
      Setting.word(CatchUp.values(), CatchUp::word, "a catch-up mode, expected spread or skip"));
  public static final Setting<Double> CATCH_UP_MAX_FACTOR = new Setting<>("catch_up.max_factor",
      dir -> 2.0, "`2`", "a number above 1 and at most 10 (`1.5` is fine)",
      Setting.decimalAbove(1, 10, "2"));
  public static final Setting<Integer> MAX_IN_FLIGHT = new Setting<>("max_in_flight", dir -> 128,
      "`128`", "1 to 100000 executions of one test at once; `1` is one at a time",
      Setting.wholeNumber(1, 100_000));
  public static final Setting<Duration> DRAIN_TIMEOUT = new Setting<>("drain.timeout",
      dir -> Duration.ofSeconds(10), "`10s`", "a duration from `0s` to `50s`",
      Setting.duration(Duration.ZERO, Duration.ofSeconds(50), "from 0s to 50s"));
  public static final Setting<String> DEFAULT_DESTINATION = new Setting<>("default.destination",
      dir -> "file", "`file`", "a destination name (same rules as `metrics_destination`)",
      Setting.name(Names.MAX_LENGTH, false));
  public static final Setting<Boolean> METRICS_REQUIRED = new Setting<>("metrics.required",
      dir -> false, "`false`", "`true` or `false` (any case)", Setting.bool());
  public static final Setting<Duration> METRICS_REQUIRED_AFTER = new Setting<>(
      "metrics.required.after", dir -> Duration.ofSeconds(60), "`60s`",
      "a duration above 0 and at most `24h`",
      Setting.duration(Duration.ofMillis(1), Duration.ofDays(1), "above 0s and at most 24h"));
  public static final Setting<String> HOST = new Setting<>("host", dir -> null, "empty",
      "the host name used in metric names; empty means the machine's host name. Letters, digits, "
          + "`_`, `-`, `.`, up to 253 characters",
      Setting.name(253, true));
  public static final Setting<Integer> FLEET_SIZE = new Setting<>("fleet.size", dir -> null, "empty",
      "1 to " + Fleet.MAX_SIZE + " hosts sharing `fleet:` rates; set with `fleet.index` by configuration "
          + "management, from the inventory. Empty: `fleet:` lines are refused",
      Setting.emptyIsNull(Setting.wholeNumber(1, Fleet.MAX_SIZE)));
  public static final Setting<Integer> FLEET_INDEX = new Setting<>("fleet.index", dir -> null, "empty",
      "this host's place in the fleet, `0` to `fleet.size - 1`, each host its own",
      Setting.emptyIsNull(Setting.wholeNumber(0, Fleet.MAX_SIZE - 1)));

  // Not under lock.dir: that is often /run/lock, a tmpfs of a few MB that a full spool would fill,
  // and then no instance could take its lock.
  public static final Setting<Path> SPOOL_DIR = path("spool.dir", "/var/spool/capacity",
      "a folder; each destination that can replay keeps a folder of its own in it");
  public static final Setting<Long> SPOOL_MAX_SIZE = new Setting<>("spool.max_size",
      dir -> 64L << 20, "`64MB`", "a size such as `64MB`, `512KB` or `2GB` (or bytes), at most `100GB`, per"
          + " destination; `0` turns the spool off", SettingsTable.size(100L << 30));

  /** Every key, in documentation order. */
  public static final List<Setting<?>> ALL = List.of(
      CONFIG_PATH, STOP_FILE, TESTS_FILE, DESTINATIONS_FILE, LOCK_DIR, TRIPS_DIR, MAX_INSTANCES, PLUGINS_DIR,
      LOG_DIR, CATCH_UP, CATCH_UP_MAX_FACTOR, MAX_IN_FLIGHT, DRAIN_TIMEOUT, DEFAULT_DESTINATION,
      METRICS_REQUIRED, METRICS_REQUIRED_AFTER, HOST, FLEET_SIZE, FLEET_INDEX, SPOOL_DIR, SPOOL_MAX_SIZE);

  /** The key named {@code key}, or {@code null}. */
  static Setting<?> named(String key) {
    for (Setting<?> setting : ALL) {
      if (setting.key().equals(key)) {
        return setting;
      }
    }
    return null;
  }

  /** Every key's name, in documentation order. */
  static List<String> keys() {
    return ALL.stream().map(Setting::key).toList();
  }

  /** A size: bytes, or a number with {@code KB}, {@code MB} or {@code GB} (powers of 1024). */
  static Setting.Reader<Long> size(long max) {
    return (key, raw, baseDir) -> {
      String expected = ", expected a size such as 64MB, 512KB or 2GB (or bytes), or 0";
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,12})(KB|MB|GB)?")
          .matcher(raw.toUpperCase(java.util.Locale.ROOT));
      if (!m.matches()) {
        return Setting.Parsed.problem(key + " " + TextLines.quote(raw) + " is not a size" + expected);
      }
      int shift = m.group(2) == null ? 0 : m.group(2).equals("KB") ? 10 : m.group(2).equals("MB") ? 20 : 30;
      long number = Long.parseLong(m.group(1));
      long bytes = number > (max >> shift) ? Long.MAX_VALUE : number << shift;
      if (bytes > max || (bytes > 0 && bytes < 1024)) {
        return Setting.Parsed.problem(key + " " + raw + " is out of range, expected 0 or from 1KB to "
            + (max >> 30) + "GB");
      }
      return Setting.Parsed.of(bytes);
    };
  }

  private static Setting<Path> path(String key, String defaultPath, String accepted) {
    Function<Path, Path> fixed = dir -> Path.of(defaultPath);
    return new Setting<>(key, fixed, "`" + defaultPath + "`", accepted, Setting.path());
  }
}
