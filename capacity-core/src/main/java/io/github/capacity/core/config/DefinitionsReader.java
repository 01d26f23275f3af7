package io.github.capacity.core.config;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.github.capacity.api.Definition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks the JSON tokens of a definitions file once, building plain Java values and noting the line
 * of the JSON paths on the way. The tree is built by hand rather than with {@code ObjectMapper}
 * because the mapper forgets where things were written and merges duplicate keys silently. One
 * instance per file; not thread safe.
 *
 * <p>Memory: a 16 MiB file holds some 100,000 entries, which must fit in the run's heap. So only
 * the lines of the entries are kept; a deeper path's line is found when an error needs it, by
 * walking the file again without building values ({@link #lineOf}).
 */
final class DefinitionsReader {
  /** Opens the parser; lets the caller choose bytes or text. */
  interface ParserFactory {
    JsonParser open() throws IOException;
  }

  private static final String ENTRY_EXPECTED =
      "expected an object with \"type\" and its settings, such as {\"type\": \"http\", \"url\": \"...\"}";

  final Map<String, Definition> definitions = new LinkedHashMap<>();
  final List<ConfigError> errors = new ArrayList<>();
  final Map<String, Integer> lines = new HashMap<>();

  private final String source;
  /** The one path whose line a second walk looks for, or {@code null} on the first walk. */
  private final String wanted;
  private JsonParser parser;
  private int typeLine;
  /** Small strings seen in values, shared: "http", "5s", "2xx" repeat in every entry. */
  private final Map<String, String> shared = new HashMap<>();
  private final Map<Integer, Integer> sharedNumbers = new HashMap<>();

  private DefinitionsReader(String source) {
    this(source, null);
  }

  private DefinitionsReader(String source, String wanted) {
    this.source = source;
    this.wanted = wanted;
  }

  /**
   * The line where {@code jsonPath}, or its nearest ancestor written in the file, is: a second
   * walk that builds nothing. 0 when the file cannot be walked.
   */
  static int lineOf(ParserFactory factory, String jsonPath) {
    DefinitionsReader reader = new DefinitionsReader("", jsonPath);
    try (JsonParser parser = factory.open()) {
      reader.parser = parser;
      reader.document();
    } catch (IOException | RuntimeException e) {
      // The lines found before the failure still count.
    }
    int best = 0;
    int bestLength = -1;
    for (Map.Entry<String, Integer> line : reader.lines.entrySet()) {
      if (line.getKey().length() > bestLength) {
        best = line.getValue();
        bestLength = line.getKey().length();
      }
    }
    return best;
  }

  /** Whether to keep the line of {@code path}: see the class comment. */
  private boolean keepsLine(String path, int depth) {
    if (wanted == null) {
      return depth == 0;
    }
    return wanted.equals(path) || wanted.startsWith(path + ".") || wanted.startsWith(path + "[");
  }

  static DefinitionsReader empty() {
    return new DefinitionsReader("");
  }

  static DefinitionsReader read(String source, ParserFactory factory) {
    DefinitionsReader reader = new DefinitionsReader(source);
    try (JsonParser parser = factory.open()) {
      reader.parser = parser;
      reader.document();
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
      reader.error(line, JsonSyntax.problem(e));
    } catch (IOException | RuntimeException e) {
      reader.error(0, "cannot be read (" + ConfigFiles.reason(e) + "), expected a readable file");
    }
    return reader;
  }

  private void document() throws IOException {
    JsonToken first = parser.nextToken();
    if (first == null) {
      return; // an empty file defines nothing
    }
    if (first != JsonToken.START_OBJECT) {
      error(tokenLine(), "the top level is " + describe(first)
          + ", expected an object of named entries such as {\"homepage\": {\"type\": \"http\"}}");
      return;
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      entry(parser.currentName(), tokenLine());
    }
    JsonToken after = parser.nextToken();
    if (after != null) {
      error(tokenLine(), describe(after) + " after the top-level object, expected the end of the file");
    }
  }

  private void entry(String name, int line) throws IOException {
    Integer first = keepsLine(name, 0) ? lines.putIfAbsent(name, line) : null;
    typeLine = 0;
    next();
    List<ConfigError> problems = new ArrayList<>();
    Object value = value(name, 1, problems);
    if (wanted != null) {
      return; // a walk for one line: no values, no errors
    }
    String nameProblem = Names.problem("entry name", name);
    if (nameProblem != null) {
      error(line, nameProblem);
    } else if (first != null) {
      error(line, name + ": is defined twice, first at line " + first
          + ", expected each name once (this one is ignored)");
    } else if (!(value instanceof Map<?, ?> map)) {
      error(line, name + ": is " + kind(value) + ", " + ENTRY_EXPECTED);
    } else if (!problems.isEmpty()) {
      errors.add(problems.get(0));
    } else if (!map.containsKey("type")) {
      error(line, name + ": has no \"type\", expected the name of a plugin such as \"http\"");
    } else if (!(map.get("type") instanceof String type) || type.isBlank()) {
      error(typeLine, name + ".type: is " + Definition.describe(map.get("type"))
          + ", expected the name of a plugin such as \"http\"");
    } else {
      @SuppressWarnings("unchecked")
      Map<String, Object> settings = (Map<String, Object>) map; // built here: no copy needed
      settings.remove("type");
      definitions.put(name, new Definition(source, name, type.strip(), settings));
    }
  }

  /** Reads the value at the current token; duplicate keys inside it are added to {@code problems}. */
  private Object value(String path, int depth, List<ConfigError> problems) throws IOException {
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new HashMap<>(); // only while this object is read
        while (next() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          String keyPath = path + "." + key;
          int line = tokenLine();
          Integer first = keyLines.putIfAbsent(key, line);
          if (depth == 1 && key.equals("type")) {
            typeLine = line; // for the entry's own error about its type
          }
          if (keepsLine(keyPath, depth)) {
            lines.putIfAbsent(keyPath, line);
          }
          next();
          Object child = value(keyPath, depth + 1, problems);
          if (first != null) {
            problems.add(new ConfigError(source, line, keyPath + ": is given twice, first at line "
                + first + ", expected each key once"));
          } else if (wanted == null) {
            map.put(key, child);
          }
        }
        return map;
      }
      case START_ARRAY -> {
        ArrayList<Object> list = new ArrayList<>();
        int index = 0;
        while (next() != JsonToken.END_ARRAY) {
          String itemPath = path + "[" + index++ + "]";
          if (keepsLine(itemPath, depth)) {
            lines.putIfAbsent(itemPath, tokenLine());
          }
          Object item = value(itemPath, depth + 1, problems);
          if (wanted == null) {
            list.add(item);
          }
        }
        list.trimToSize();
        return list;
      }
      case VALUE_STRING -> {
        String text = parser.getText();
        return text.length() <= 16 ? shared.computeIfAbsent(text, t -> t) : text;
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        Number number = parser.getNumberValue();
        return number instanceof Integer ? sharedNumbers.computeIfAbsent((Integer) number, n -> n) : number;
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return parser.getBooleanValue();
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new JsonParseException(parser, describe(token) + " where a value belongs");
    }
  }

  /** The next token; the end of the input inside a value is a syntax error, not a null. */
  private JsonToken next() throws IOException {
    JsonToken token = parser.nextToken();
    if (token == null) {
      throw new JsonEOFException(parser, null, "unexpected end of the file");
    }
    return token;
  }

  private int tokenLine() {
    return parser.currentTokenLocation().getLineNr();
  }

  private void error(Integer line, String problem) {
    errors.add(new ConfigError(source, line == null ? 0 : line, problem));
  }

  /** What a value is, without the value: an entry written as a bare URL may hold a password. */
  static String kind(Object value) {
    if (value instanceof String text) {
      return "a string of " + text.length() + (text.length() == 1 ? " character" : " characters");
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    if (value instanceof Number) {
      return "a number";
    }
    return Definition.describe(value); // null, an object, a list: nothing of the file's text
  }

  private static String describe(JsonToken token) {
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "a list";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> "'" + token.asString() + "'";
    };
  }
}
