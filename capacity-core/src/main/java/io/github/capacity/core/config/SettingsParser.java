package io.github.capacity.core.config;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code capacity.properties}: one {@code key = value} per line, {@code #} and {@code !}
 * comment lines, blank lines. Deliberately not {@link java.util.Properties}: that format turns
 * backslashes in Windows paths into escapes, lets a key silently repeat and loses line numbers.
 * Every bad line is reported, then the whole file is refused. One instance per file; not thread
 * safe.
 */
final class SettingsParser {
  static final int MAX_LINE_LENGTH = 4096;

  private final SettingValues values;
  private final Map<String, Integer> lineOfKey = new HashMap<>();
  private final List<ConfigError> errors = new ArrayList<>();

  private SettingsParser(Path baseDir, Path installDir) {
    this.values = new SettingValues(baseDir, installDir);
  }

  static Settings defaults(Path installDir) {
    return new SettingValues(Path.of("/"), installDir).build(null);
  }

  static Settings load(Path file, Path installDir) throws ConfigException {
    String source = file.toString();
    byte[] bytes;
    try {
      RegularFile.checkRegular(file);
      // Always strict: strict_modes in a file others can write would be theirs to turn off.
      FileTrust.STRICT.check(file);
      bytes = RegularFile.read(file, ConfigFiles.MAX_FILE_BYTES);
    } catch (RegularFile.UnusableFileException e) {
      throw new ConfigException(new ConfigError(source, 0, e.getMessage()));
    } catch (NoSuchFileException e) {
      throw new ConfigException(new ConfigError(source, 0,
          "does not exist, expected a capacity.properties file"));
    } catch (IOException | RuntimeException e) {
      throw new ConfigException(new ConfigError(source, 0,
          "cannot be read (" + ConfigFiles.reason(e) + "), expected a readable file"));
    }
    Path baseDir = file.toAbsolutePath().getParent();
    return parse(file, source, TextLines.split(bytes), baseDir, installDir);
  }

  /** Parses a settings file's text; relative paths are resolved against {@code baseDir}. */
  static Settings parse(String source, String text, Path baseDir, Path installDir)
      throws ConfigException {
    return parse(Path.of(source), source, TextLines.split(text), baseDir, installDir);
  }

  private static Settings parse(Path file, String source, List<TextLines.Line> lines, Path baseDir,
      Path installDir) throws ConfigException {
    SettingsParser parser = new SettingsParser(baseDir, installDir);
    for (TextLines.Line line : lines) {
      String problem = parser.line(line);
      if (problem != null) {
        parser.errors.add(new ConfigError(source, line.number(), problem));
      }
    }
    parser.checkFleet(source);
    if (!parser.errors.isEmpty()) {
      throw new ConfigException(parser.errors);
    }
    return parser.values.build(file);
  }

  /**
   * {@code fleet.size} and {@code fleet.index} come together, the index within the size: a host
   * with half of its place would run a wrong share, or every host the same slots.
   */
  private void checkFleet(String source) {
    String sizeKey = SettingsTable.FLEET_SIZE.key();
    String indexKey = SettingsTable.FLEET_INDEX.key();
    Integer size = values.get(SettingsTable.FLEET_SIZE);
    Integer index = values.get(SettingsTable.FLEET_INDEX);
    if (size != null && index != null && index >= size) {
      errors.add(new ConfigError(source, lineOfKey.get(indexKey), indexKey + " " + index
          + " is not below " + sizeKey + " " + size + ", expected 0 to " + (size - 1) + " (counting from 0)"));
    } else if ((size == null) != (index == null)) {
      String set = size != null ? sizeKey : indexKey;
      String missing = size != null ? indexKey : sizeKey;
      if (!lineOfKey.containsKey(missing)) { // else its own line already says what is wrong
        errors.add(new ConfigError(source, lineOfKey.get(set), set + " is set without " + missing
            + ", expected both (this host's place in the fleet) or neither"));
      }
    }
  }

  private String line(TextLines.Line line) {
    if (!line.validUtf8()) {
      return "line is not valid UTF-8 text, expected a UTF-8 (or ASCII) file";
    }
    String text = line.text().strip();
    if (text.length() > MAX_LINE_LENGTH) {
      return "line is " + text.length() + " characters long, expected at most " + MAX_LINE_LENGTH;
    }
    if (text.isEmpty() || text.startsWith("#") || text.startsWith("!")) {
      return null;
    }
    int equals = text.indexOf('=');
    if (equals < 0) {
      return "line " + TextLines.quote(text) + " has no '=', expected key = value such as max_in_flight = 128";
    }
    String key = text.substring(0, equals).strip();
    String raw = text.substring(equals + 1).strip();
    if (key.isEmpty()) {
      return "line has no key before '=', expected key = value such as max_in_flight = 128";
    }
    Setting<?> setting = SettingsTable.named(key);
    if (setting == null) {
      return SettingsKeys.unknown(key, SettingsTable.keys());
    }
    Integer first = lineOfKey.putIfAbsent(key, line.number());
    if (first != null) {
      return key + " is set twice, first at line " + first + ", expected each key once";
    }
    return values.set(setting, raw);
  }
}
