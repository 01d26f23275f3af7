package io.github.capacity.core.config;

import com.fasterxml.jackson.core.JsonFactory;
import io.github.capacity.api.Definition;
import io.github.capacity.api.InvalidDefinitionException;
import java.io.IOException;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.nio.file.Files;
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
  /** Opens the file again to find a deeper path's line; {@code null} when there is no file. */
  private final DefinitionsReader.ParserFactory again;

  private DefinitionsFile(String source, Map<String, Definition> definitions,
      List<ConfigError> errors, Map<String, Integer> lines, DefinitionsReader.ParserFactory again) {
    this.source = source;
    this.definitions = Collections.unmodifiableMap(definitions);
    this.errors = List.copyOf(errors);
    this.lines = Map.copyOf(lines);
    this.again = again;
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
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        return failed(source, "is " + size + " bytes, expected at most " + MAX_FILE_BYTES + " bytes");
      }
      // Streamed, not read whole: the 16 MiB limit must fit the run's heap with its values.
      DefinitionsReader.ParserFactory open = () -> {
        RegularFile.checkRegular(file);
        return JSON.createParser(new BoundedInput(Files.newInputStream(file), MAX_FILE_BYTES));
      };
      return from(source, DefinitionsReader.read(source, open), open);
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
    DefinitionsReader.ParserFactory open = () -> JSON.createParser(text);
    return from(source, DefinitionsReader.read(source, open), open);
  }

  /** Parses one file's bytes; Jackson drops a byte order mark and refuses bytes that are not UTF-8. */
  static DefinitionsFile parse(String source, byte[] bytes) {
    DefinitionsReader.ParserFactory open = () -> JSON.createParser(bytes);
    return from(source, DefinitionsReader.read(source, open), open);
  }

  private static DefinitionsFile from(String source, DefinitionsReader reader) {
    return from(source, reader, null);
  }

  private static DefinitionsFile from(String source, DefinitionsReader reader,
      DefinitionsReader.ParserFactory again) {
    return new DefinitionsFile(source, reader.definitions, reader.errors, reader.lines, again);
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
    Integer known = lines.get(jsonPath);
    if (known != null) {
      return known;
    }
    if (again != null && definitions.containsKey(entryOf(jsonPath))) {
      int found = DefinitionsReader.lineOf(again, jsonPath);
      if (found > 0) {
        return found;
      }
    }
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

  /** The entry name a JSON path starts with: the longest defined name it begins with. */
  private String entryOf(String jsonPath) {
    String best = "";
    for (int i = 0; i <= jsonPath.length(); i++) {
      if (i == jsonPath.length() || jsonPath.charAt(i) == '.' || jsonPath.charAt(i) == '[') {
        String candidate = jsonPath.substring(0, i);
        if (definitions.containsKey(candidate)) {
          best = candidate;
        }
      }
    }
    return best;
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

  /** Fails a read past {@code max} bytes: a file that grew after its size was checked. */
  private static final class BoundedInput extends FilterInputStream {
    private long left;

    BoundedInput(InputStream in, long max) {
      super(in);
      this.left = max;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, (int) Math.min(len, left + 1));
      if (n > 0 && (left -= n) < 0) {
        throw new IOException("grew past " + MAX_FILE_BYTES + " bytes while it was read");
      }
      return n;
    }
  }
}
