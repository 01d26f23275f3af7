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
 * of every JSON path on the way. The tree is built by hand rather than with {@code ObjectMapper}
 * because the mapper forgets where things were written and merges duplicate keys silently. One
 * instance per file; not thread safe.
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
  /** Kept apart from {@link #lines}: an entry named {@code a.b} is not the key b of entry a. */
  private final Map<String, Integer> entryLines = new HashMap<>();

  private final String source;
  private JsonParser parser;

  private DefinitionsReader(String source) {
    this.source = source;
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
    Integer first = entryLines.putIfAbsent(name, line);
    lines.putIfAbsent(name, line);
    next();
    List<ConfigError> problems = new ArrayList<>();
    Object value = value(name, problems);
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
      error(lines.get(name + ".type"), name + ".type: is " + Definition.describe(map.get("type"))
          + ", expected the name of a plugin such as \"http\"");
    } else {
      Map<String, Object> settings = new LinkedHashMap<>();
      map.forEach((key, v) -> settings.put((String) key, v));
      settings.remove("type");
      definitions.put(name, new Definition(source, name, type.strip(), settings));
    }
  }

  /** Reads the value at the current token; duplicate keys inside it are added to {@code problems}. */
  private Object value(String path, List<ConfigError> problems) throws IOException {
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        while (next() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          String keyPath = path + "." + key;
          int line = tokenLine();
          Integer first = lines.putIfAbsent(keyPath, line);
          next();
          Object child = value(keyPath, problems);
          if (map.containsKey(key)) {
            problems.add(new ConfigError(source, line, keyPath + ": is given twice, first at line "
                + first + ", expected each key once"));
          } else {
            map.put(key, child);
          }
        }
        return map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (next() != JsonToken.END_ARRAY) {
          String itemPath = path + "[" + list.size() + "]";
          lines.putIfAbsent(itemPath, tokenLine());
          list.add(value(itemPath, problems));
        }
        return list;
      }
      case VALUE_STRING -> {
        return parser.getText();
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return parser.getNumberValue();
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
