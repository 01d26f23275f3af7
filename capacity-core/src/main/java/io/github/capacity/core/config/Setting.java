package io.github.capacity.core.config;

import io.github.capacity.api.Definition;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One key of {@code capacity.properties}: its name, its default, how its text becomes a value and
 * the line that documents it. Every key is declared once, in {@link SettingsTable}; the parser,
 * {@link Settings} and the embedding builder read it from there, and a test compares the table
 * with {@code docs/configuration.md}. Immutable and thread safe.
 *
 * @param <T> the type of the value; {@code null} is a value only where the key says so
 */
public final class Setting<T> {
  /** How a key's text becomes a value: the value, or the words of what is wrong. */
  interface Reader<T> {
    /**
     * @param raw the text after {@code =}, stripped
     * @param baseDir the settings file's folder, against which relative paths resolve
     */
    Parsed<T> read(String key, String raw, Path baseDir);
  }

  /** A value read from text, or what is wrong with the text. */
  record Parsed<T>(T value, String problem) {
    static <T> Parsed<T> of(T value) {
      return new Parsed<>(value, null);
    }

    static <T> Parsed<T> problem(String problem) {
      return new Parsed<>(null, problem);
    }
  }

  private final String key;
  private final Function<Path, T> defaultValue;
  private final String documentedDefault;
  private final String accepted;
  private final Reader<T> reader;

  Setting(String key, Function<Path, T> defaultValue, String documentedDefault, String accepted,
      Reader<T> reader) {
    this.key = Objects.requireNonNull(key, "key");
    this.defaultValue = Objects.requireNonNull(defaultValue, "defaultValue");
    this.documentedDefault = Objects.requireNonNull(documentedDefault, "documentedDefault");
    this.accepted = Objects.requireNonNull(accepted, "accepted");
    this.reader = Objects.requireNonNull(reader, "reader");
  }

  /** The key as written in the file, such as {@code max_in_flight}. */
  public String key() {
    return key;
  }

  /** The default of an installation in {@code installDir} (only {@code plugins.dir} depends on it). */
  public T defaultValue(Path installDir) {
    return defaultValue.apply(installDir);
  }

  /** The default, for values that do not depend on the installation folder. */
  public T defaultValue() {
    return defaultValue.apply(Path.of("/"));
  }

  /** The default as {@code docs/configuration.md} shows it. */
  public String documentedDefault() {
    return documentedDefault;
  }

  /** What the key accepts, as {@code docs/configuration.md} shows it. */
  public String accepted() {
    return accepted;
  }

  /** Reads {@code raw}, the text of this key in a settings file. */
  Parsed<T> read(String raw, Path baseDir) {
    return reader.read(key, raw, baseDir);
  }

  @Override
  public String toString() {
    return key;
  }

  // Readers shared by the keys of the table.

  static Reader<Integer> wholeNumber(int min, int max) {
    return (key, raw, baseDir) -> {
      String expected = ", expected a whole number from " + min + " to " + max;
      if (!raw.matches("[0-9]{1,9}")) {
        return Parsed.problem(key + " " + TextLines.quote(raw) + " is not a whole number" + expected);
      }
      int value = Integer.parseInt(raw);
      if (value < min || value > max) {
        return Parsed.problem(key + " " + value + " is out of range" + expected);
      }
      return Parsed.of(value);
    };
  }

  /** {@code reader}, or {@code null} for an empty value: the key is then unset. */
  static <T> Reader<T> emptyIsNull(Reader<T> reader) {
    return (key, raw, baseDir) -> raw.isEmpty() ? Parsed.of(null) : reader.read(key, raw, baseDir);
  }

  /** A decimal number in {@code (min, max]}; {@code example} shows one in the error. */
  static Reader<Double> decimalAbove(double min, double max, String example) {
    return (key, raw, baseDir) -> {
      String expected = ", expected a number above " + plain(min) + " and at most " + plain(max)
          + ", such as " + example;
      if (!raw.matches("[0-9]{1,9}(\\.[0-9]{1,9})?")) {
        return Parsed.problem(key + " " + TextLines.quote(raw) + " is not a number" + expected);
      }
      double value = Double.parseDouble(raw);
      if (value <= min || value > max) {
        return Parsed.problem(key + " " + raw + " is out of range" + expected);
      }
      return Parsed.of(value);
    };
  }

  /** A duration from {@code min} to {@code max}; {@code range} says so in words. */
  static Reader<Duration> duration(Duration min, Duration max, String range) {
    return (key, raw, baseDir) -> {
      Duration value = raw.isEmpty() ? null : Definition.parseDuration(raw);
      if (value == null) {
        return Parsed.problem(key + " " + TextLines.quote(raw)
            + " is not a duration, expected a duration such as 10s, 500ms or 1m, " + range);
      }
      if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
        return Parsed.problem(key + " " + raw + " is out of range, expected a duration " + range);
      }
      return Parsed.of(value);
    };
  }

  static Reader<Boolean> bool() {
    return (key, raw, baseDir) -> {
      String word = raw.toLowerCase(Locale.ROOT);
      if (!word.equals("true") && !word.equals("false")) {
        return Parsed.problem(key + " " + TextLines.quote(raw) + " is not a boolean, expected true or false");
      }
      return Parsed.of(Boolean.parseBoolean(word));
    };
  }

  /** A path; a relative one is resolved against the settings file's folder. */
  static Reader<Path> path() {
    return (key, raw, baseDir) -> {
      if (raw.isEmpty()) {
        return Parsed.problem(key + " is empty, expected a path");
      }
      try {
        return Parsed.of(baseDir.resolve(raw));
      } catch (InvalidPathException e) {
        return Parsed.problem(key + " " + TextLines.quote(raw) + " is not a valid path ("
            + e.getReason() + "), expected a path");
      }
    };
  }

  /** A name with the rules of {@link Names}, at most {@code maxLength}; empty means {@code null} if allowed. */
  static Reader<String> name(int maxLength, boolean emptyIsNull) {
    return (key, raw, baseDir) -> {
      if (emptyIsNull && raw.isEmpty()) {
        return Parsed.of(null);
      }
      String problem = Names.problem(key, raw, maxLength);
      return problem == null ? Parsed.of(raw) : Parsed.problem(problem);
    };
  }

  /** One of {@code values}, by its {@code word} in any case. */
  static <E extends Enum<E>> Reader<E> word(E[] values, Function<E, String> word, String expected) {
    return (key, raw, baseDir) -> {
      String wanted = raw.toLowerCase(Locale.ROOT);
      for (E value : values) {
        if (word.apply(value).equals(wanted)) {
          return Parsed.of(value);
        }
      }
      return Parsed.problem(key + " " + TextLines.quote(raw) + " is not " + expected);
    };
  }

  private static String plain(double number) {
    return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
  }
}
