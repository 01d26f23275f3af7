package io.github.capacity.core.config;

import com.fasterxml.jackson.core.JsonFactory;
import io.github.capacity.api.Definition;
import io.github.capacity.api.InvalidDefinitionException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code tests.json} or {@code destinations.json}: an object of named entries, each an
 * object with a {@code "type"} string and the plugin's own settings. The line of every JSON path is
 * kept, so that a plugin's {@link InvalidDefinitionException} can be shown as {@code
 * tests.json:3: homepage.url: ...}.
 *
 * <p>Never throws for bad content: a bad entry is one {@link ConfigError} and the other entries
 * still load; a syntax error stops the parse there (entries completed before it are kept). A
 * missing file has no definitions and no errors. Immutable and thread safe.
 */
public final class DefinitionsFile {
  static final JsonFactory JSON = new JsonFactory();
  /** Far above any real file; keeps a runaway file from filling the heap. */
  static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

  private final String source;
  private final Map<String, Definition> definitions;
  private final List<ConfigError> errors;
  private final Map<String, Integer> lines;

  private DefinitionsFile(String source, Map<String, Definition> definitions,
      List<ConfigError> errors, Map<String, Integer> lines) {
    this.source = source;
    this.definitions = Collections.unmodifiableMap(definitions);
    this.errors = List.copyOf(errors);
    this.lines = Map.copyOf(lines);
  }

  /** Reads {@code file}; errors name it as given. A missing file is empty, not an error. */
  public static DefinitionsFile read(Path file) {
    return read(file, FileTrust.STRICT);
  }

  /**
   * Reads {@code file} as {@link #read(Path)} does; a file {@code trust} does not accept, or one
   * that is not a regular file, is one error naming it.
   */
  public static DefinitionsFile read(Path file, FileTrust trust) {
    String source = file.toString();
    try {
      RegularFile.checkRegular(file);
      String untrusted = trust.problem(file);
      if (untrusted != null) {
        return failed(source, untrusted);
      }
      return parse(source, RegularFile.read(file, MAX_FILE_BYTES));
    } catch (RegularFile.UnusableFileException e) {
      return failed(source, e.getMessage());
    } catch (NoSuchFileException e) {
      return from(source, DefinitionsReader.empty());
    } catch (IOException | RuntimeException e) {
      return failed(source, "cannot be read (" + ConfigFiles.reason(e) + "), expected a readable file");
    }
  }

  /** Parses one file's text; {@code source} is the name shown in errors. */
  public static DefinitionsFile parse(String source, String json) {
    String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
    return from(source, DefinitionsReader.read(source, () -> JSON.createParser(text)));
  }

  /** Parses one file's bytes; Jackson drops a byte order mark and refuses bytes that are not UTF-8. */
  static DefinitionsFile parse(String source, byte[] bytes) {
    return from(source, DefinitionsReader.read(source, () -> JSON.createParser(bytes)));
  }

  private static DefinitionsFile from(String source, DefinitionsReader reader) {
    return new DefinitionsFile(source, reader.definitions, reader.errors, reader.lines);
  }

  private static DefinitionsFile failed(String source, String problem) {
    DefinitionsReader reader = DefinitionsReader.empty();
    reader.errors.add(new ConfigError(source, 0, problem));
    return from(source, reader);
  }

  /** The file as named in errors. */
  public String source() {
    return source;
  }

  /** The valid entries by name, in file order. */
  public Map<String, Definition> definitions() {
    return definitions;
  }

  /** One error per bad entry, or the syntax error that stopped the parse. */
  public List<ConfigError> errors() {
    return errors;
  }

  /**
   * The line where {@code jsonPath} ({@code homepage.expect.status}, {@code hosts[2]}) is written;
   * for a path not in the file, the line of its nearest ancestor that is; 0 if none is.
   */
  public int lineOf(String jsonPath) {
    String path = jsonPath;
    while (!path.isEmpty()) {
      Integer line = lines.get(path);
      if (line != null) {
        return line;
      }
      int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
      if (cut <= 0) {
        return 0;
      }
      path = path.substring(0, cut);
    }
    return 0;
  }

  /** A plugin's complaint about one of these definitions, placed on its line. */
  public ConfigError errorFor(InvalidDefinitionException e) {
    return new ConfigError(source, lineOf(e.path()), e.path() + ": " + e.problem());
  }

  @Override
  public String toString() {
    return "DefinitionsFile(" + source + ", " + definitions.size() + " definitions, "
        + errors.size() + " errors)";
  }
}
