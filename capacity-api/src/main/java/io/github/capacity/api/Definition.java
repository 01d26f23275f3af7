package io.github.capacity.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One named entry of {@code tests.json} or {@code destinations.json}, handed to a plugin to
 * validate and prepare. Values are plain JSON values: {@code String}, {@code Number}, {@code
 * Boolean}, {@code List}, {@code Map} or {@code null}.
 *
 * <p>The typed readers check the value and throw an {@link InvalidDefinitionException} naming the
 * source file, the JSON path and what was expected, so every plugin reports mistakes the same way.
 * Immutable and thread safe.
 */
public final class Definition {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

  private final String source;
  private final String path;
  private final String type;
  private final Map<String, Object> settings;

  /**
   * @param source the file it came from, as the operator knows it ({@code tests.json})
   * @param name the entry's name, the root of every JSON path in errors
   * @param type the plugin name it asks for ({@code http}, {@code graphite})
   * @param settings the entry's other keys
   */
  public Definition(String source, String name, String type, Map<String, ?> settings) {
    this.source = Objects.requireNonNull(source, "source");
    this.path = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
    this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
  }

  /** The file the definition came from. */
  public String source() {
    return source;
  }

  /** The JSON path of this definition: the entry's name, or deeper for a {@link #section}. */
  public String path() {
    return path;
  }

  /** The plugin name the entry asks for. */
  public String type() {
    return type;
  }

  /** The raw settings, without {@code type}. */
  public Map<String, Object> settings() {
    return settings;
  }

  /** Whether {@code key} is present, even with a {@code null} value. */
  public boolean has(String key) {
    return settings.containsKey(key);
  }

  /** An error for {@code key} of this definition. */
  public InvalidDefinitionException error(String key, String problem) {
    return new InvalidDefinitionException(source, pathOf(key), problem);
  }

  /** The JSON path of {@code key} in this definition. */
  public String pathOf(String key) {
    return path + "." + key;
  }

  /** Refuses any key not in {@code known}, so that a typo is not silently ignored. */
  public void requireOnly(Set<String> known) throws InvalidDefinitionException {
    for (String key : settings.keySet()) {
      if (!known.contains(key)) {
        throw error(key, "unknown key, expected one of " + String.join(", ", new TreeSet<>(known)));
      }
    }
  }

  /** A required string. */
  public String string(String key) throws InvalidDefinitionException {
    String value = string(key, null);
    if (value == null) {
      throw error(key, "is missing, expected a string");
    }
    return value;
  }

  /** A string, or {@code defaultValue} when absent or {@code null}. */
  public String string(String key, String defaultValue) throws InvalidDefinitionException {
    Object value = settings.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof String)) {
      throw error(key, "is " + describe(value) + ", expected a string");
    }
    return (String) value;
  }

  /** A whole number in {@code [min, max]}, or {@code defaultValue} when absent. */
  public long integer(String key, long defaultValue, long min, long max)
      throws InvalidDefinitionException {
    Object value = settings.get(key);
    if (value == null) {
      return defaultValue;
    }
    long number;
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      number = n.longValue();
    } else if (value instanceof String s && s.trim().matches("-?\\d{1,18}")) {
      number = Long.parseLong(s.trim());
    } else {
      throw error(key, "is " + describe(value) + ", expected a whole number from " + min + " to " + max);
    }
    if (number < min || number > max) {
      throw error(key, number + " is out of range, expected a whole number from " + min + " to " + max);
    }
    return number;
  }

  /** A boolean, or {@code defaultValue} when absent. */
  public boolean bool(String key, boolean defaultValue) throws InvalidDefinitionException {
    Object value = settings.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof Boolean)) {
      throw error(key, "is " + describe(value) + ", expected true or false");
    }
    return (Boolean) value;
  }

  /**
   * A positive duration written as {@code "250ms"}, {@code "5s"}, {@code "1.5s"} or {@code "2m"},
   * or a bare number of milliseconds; {@code defaultValue} when absent.
   */
  public Duration duration(String key, Duration defaultValue) throws InvalidDefinitionException {
    Object value = settings.get(key);
    if (value == null) {
      return defaultValue;
    }
    Duration parsed = null;
    if (value instanceof Number n && n.doubleValue() > 0) {
      parsed = Duration.ofNanos(Math.round(n.doubleValue() * 1_000_000));
    } else if (value instanceof String s) {
      parsed = parseDuration(s);
    }
    if (parsed == null || parsed.isZero() || parsed.isNegative()) {
      throw error(key, "is " + describe(value) + ", expected a positive duration such as \"250ms\", \"5s\" or \"1m\"");
    }
    return parsed;
  }

  /** A list, or an empty list when absent; a single value is read as a list of one. */
  public List<Object> list(String key) {
    Object value = settings.get(key);
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return Collections.unmodifiableList(new ArrayList<>(list));
    }
    return List.of(value);
  }

  /**
   * A nested object as a definition of its own, whose errors carry the longer path ({@code
   * homepage.expect.status}); an empty one when absent.
   */
  public Definition section(String key) throws InvalidDefinitionException {
    Object value = settings.get(key);
    if (value == null) {
      return new Definition(source, pathOf(key), type, Map.of());
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw error(key, "is " + describe(value) + ", expected an object");
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(String.valueOf(k), v));
    return new Definition(source, pathOf(key), type, copy);
  }

  /** Parses {@code "250ms"}, {@code "5s"}, {@code "1.5s"}, {@code "2m"}, {@code "24h"}; {@code null} if not one. */
  public static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      return null;
    }
    double amount = Double.parseDouble(m.group(1));
    double nanosPerUnit = switch (m.group(2)) {
      case "ms" -> 1e6;
      case "s" -> 1e9;
      case "m" -> 60e9;
      default -> 3600e9;
    };
    double nanos = amount * nanosPerUnit;
    return nanos > Long.MAX_VALUE / 2.0 ? null : Duration.ofNanos(Math.round(nanos));
  }

  /** How a JSON value reads in an error: its text for scalars, its kind otherwise. */
  public static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return "\"" + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + "\"";
    }
    if (value instanceof Map) {
      return "an object";
    }
    if (value instanceof List) {
      return "a list";
    }
    return String.valueOf(value);
  }

  @Override
  public String toString() {
    return source + ": " + path + " (" + type + ")";
  }
}
