package io.github.capacity.core.config;

import io.github.capacity.api.Definition;
import io.github.capacity.core.pacing.CatchUp;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The values of the settings keys, starting from the built-in defaults: what each key accepts and
 * how its text becomes a value. Not thread safe; one instance per settings file.
 */
final class SettingValues {
  static final Duration MAX_DRAIN = Duration.ofSeconds(50);
  static final Duration MAX_REQUIRED_AFTER = Duration.ofDays(1);

  private final Path baseDir;
  private final Map<String, Object> values;

  /** Relative paths are resolved against {@code baseDir}; plugins default to {@code installDir/plugins}. */
  SettingValues(Path baseDir, Path installDir) {
    this.baseDir = baseDir;
    this.values = defaults(installDir);
  }

  /** Stores the value of {@code key}, or returns what is wrong with it. */
  String set(String key, String raw) {
    switch (key) {
      case "max.instances" -> {
        return integer(key, raw, 1, 100);
      }
      case "max_in_flight" -> {
        return integer(key, raw, 1, 100_000);
      }
      case "catch_up" -> {
        String word = raw.toLowerCase(Locale.ROOT);
        for (CatchUp mode : CatchUp.values()) {
          if (mode.word().equals(word)) {
            values.put(key, mode);
            return null;
          }
        }
        return key + " " + TextLines.quote(raw) + " is not a catch-up mode, expected spread or skip";
      }
      case "catch_up.max_factor" -> {
        String expected = ", expected a number above 1 and at most 10, such as 2";
        if (!raw.matches("[0-9]{1,9}(\\.[0-9]{1,9})?")) {
          return key + " " + TextLines.quote(raw) + " is not a number" + expected;
        }
        double factor = Double.parseDouble(raw);
        if (factor <= 1 || factor > 10) {
          return key + " " + raw + " is out of range" + expected;
        }
        values.put(key, factor);
        return null;
      }
      case "drain.timeout" -> {
        return duration(key, raw, Duration.ZERO, MAX_DRAIN, "from 0s to 50s");
      }
      case "metrics.required.after" -> {
        return duration(key, raw, Duration.ofMillis(1), MAX_REQUIRED_AFTER, "above 0s and at most 24h");
      }
      case "metrics.required" -> {
        String word = raw.toLowerCase(Locale.ROOT);
        if (!word.equals("true") && !word.equals("false")) {
          return key + " " + TextLines.quote(raw) + " is not a boolean, expected true or false";
        }
        values.put(key, Boolean.parseBoolean(word));
        return null;
      }
      case "default.destination" -> {
        String problem = Names.problem(key, raw);
        if (problem == null) {
          values.put(key, raw);
        }
        return problem;
      }
      case "host" -> {
        String problem = raw.isEmpty() ? null : Names.problem(key, raw, 253);
        if (problem == null) {
          values.put(key, raw.isEmpty() ? null : raw);
        }
        return problem;
      }
      default -> {
        return path(key, raw);
      }
    }
  }

  private String integer(String key, String raw, int min, int max) {
    String expected = ", expected a whole number from " + min + " to " + max;
    if (!raw.matches("[0-9]{1,9}")) {
      return key + " " + TextLines.quote(raw) + " is not a whole number" + expected;
    }
    int value = Integer.parseInt(raw);
    if (value < min || value > max) {
      return key + " " + value + " is out of range" + expected;
    }
    values.put(key, value);
    return null;
  }

  private String duration(String key, String raw, Duration min, Duration max, String range) {
    Duration value = raw.isEmpty() ? null : Definition.parseDuration(raw);
    if (value == null) {
      return key + " " + TextLines.quote(raw)
          + " is not a duration, expected a duration such as 10s, 500ms or 1m, " + range;
    }
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      return key + " " + raw + " is out of range, expected a duration " + range;
    }
    values.put(key, value);
    return null;
  }

  private String path(String key, String raw) {
    if (raw.isEmpty()) {
      return key + " is empty, expected a path";
    }
    try {
      values.put(key, baseDir.resolve(raw));
      return null;
    } catch (InvalidPathException e) {
      return key + " " + TextLines.quote(raw) + " is not a valid path (" + e.getReason() + "), expected a path";
    }
  }

  private static Map<String, Object> defaults(Path installDir) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("config.path", Path.of("/etc/capacity/conf.d"));
    values.put("stop.file", Path.of("/etc/capacity/stop"));
    values.put("tests.file", Path.of("/etc/capacity/tests.json"));
    values.put("destinations.file", Path.of("/etc/capacity/destinations.json"));
    values.put("lock.dir", Path.of("/var/lock/capacity"));
    values.put("max.instances", 3);
    values.put("plugins.dir", installDir.resolve("plugins"));
    values.put("log.dir", Path.of("/var/log/capacity"));
    values.put("catch_up", CatchUp.SPREAD);
    values.put("catch_up.max_factor", 2.0);
    values.put("max_in_flight", 128);
    values.put("drain.timeout", Duration.ofSeconds(10));
    values.put("default.destination", "file");
    values.put("metrics.required", false);
    values.put("metrics.required.after", Duration.ofSeconds(60));
    values.put("host", null);
    return values;
  }

  Settings build(Path source) {
    Map<String, Object> v = values;
    return new Settings(source,
        (Path) v.get("config.path"), (Path) v.get("stop.file"), (Path) v.get("tests.file"),
        (Path) v.get("destinations.file"), (Path) v.get("lock.dir"), (int) v.get("max.instances"),
        (Path) v.get("plugins.dir"), (Path) v.get("log.dir"), (CatchUp) v.get("catch_up"),
        (double) v.get("catch_up.max_factor"), (int) v.get("max_in_flight"),
        (Duration) v.get("drain.timeout"), (String) v.get("default.destination"),
        (boolean) v.get("metrics.required"), (Duration) v.get("metrics.required.after"),
        (String) v.get("host"));
  }
}
