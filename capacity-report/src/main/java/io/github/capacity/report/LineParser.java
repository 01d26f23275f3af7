package io.github.capacity.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads one JSON line into a {@link Line} with Jackson's streaming parser. A line is recognised
 * by its {@code kind}: {@code execution}, {@code minute} and {@code problem} as the {@code file}
 * destination writes them (docs/metrics.md); a kind that starts with {@code guardrail} (or is
 * {@code trip}, as the file destination writes it) is a guardrail trip, its {@code condition}
 * with the {@code tripped_rate} and {@code held_rate} that bracket the knee; {@code shape} or {@code load_shape} is a load shape, and a
 * minute line may carry its test's {@code shape} too. Any other kind is tolerated and counted.
 * Unknown fields are skipped, so lines written by a newer version still read.
 *
 * <p>Not thread safe: one instance per reader.
 */
final class LineParser {
  private static final JsonFactory FACTORY = new JsonFactory();
  /** The few names that repeat on every line: kept, so a million lines make no string each. */
  private final RecentStrings kinds = new RecentStrings();
  private final RecentStrings tests = new RecentStrings();
  private final RecentStrings hosts = new RecentStrings();
  private final RecentStrings errorClasses = new RecentStrings();

  /**
   * Parses {@code bytes[offset, offset + length)} into {@code line}. Returns null when the line
   * is usable, else what is wrong with it and what was expected.
   */
  String parse(byte[] bytes, int offset, int length, Line line) {
    line.reset();
    try (JsonParser json = FACTORY.createParser(bytes, offset, length)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        return "not a JSON object, expected one result document per line";
      }
      String field;
      while ((field = json.nextFieldName()) != null) {
        JsonToken value = json.nextToken();
        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
          json.skipChildren();
          continue;
        }
        if (value != JsonToken.VALUE_NULL) {
          read(field, json, value, line);
        }
      }
      if (trailing(json)) {
        return "text after the JSON object, expected one document per line";
      }
    } catch (JsonProcessingException e) {
      return "not valid JSON (" + firstLine(e.getOriginalMessage()) + "), expected one whole document per line";
    } catch (IOException | NumberFormatException e) {
      return "not valid JSON (" + firstLine(e.getMessage()) + "), expected one whole document per line";
    }
    return check(line);
  }

  private static boolean trailing(JsonParser json) throws IOException {
    try {
      return json.nextToken() != null;
    } catch (JsonProcessingException e) {
      return true;
    }
  }

  private void read(String field, JsonParser json, JsonToken value, Line line) throws IOException {
    switch (field) {
      case "kind" -> {
        line.kindName = kinds.of(json);
        line.kind = kind(line.kindName);
      }
      case "test_name" -> line.testName = tests.of(json);
      case "host" -> line.host = hosts.of(json);
      case "planned_epoch_ns" -> line.plannedNanos = json.getLongValue();
      case "start_epoch_ns" -> line.startNanos = json.getLongValue();
      case "end_epoch_ns" -> line.endNanos = json.getLongValue();
      case "ok" -> line.ok = value == JsonToken.VALUE_TRUE;
      case "error_class" -> line.errorClass = errorClasses.of(json);
      case "minute_epoch_ms", "epoch_ms" -> line.epochMillis = json.getLongValue();
      case "epoch_ns" -> line.epochMillis = Math.floorDiv(json.getLongValue(), 1_000_000L);
      case "skipped" -> line.skipped = json.getLongValue();
      case "shape" -> line.shape = json.getText();
      case "tripped_rate" -> line.trippedRate = json.getDoubleValue();
      case "held_rate" -> line.heldRate = json.getDoubleValue();
      case "condition", "reason", "message" -> {
        if (line.label == null) {
          line.label = json.getText();
        }
      }
      default -> {
        // Another field: not drawn.
      }
    }
  }

  static Line.Kind kind(String name) {
    if (name.startsWith("guardrail") || name.equals("trip")) {
      return Line.Kind.TRIP;
    }
    return switch (name) {
      case "execution" -> Line.Kind.EXECUTION;
      case "minute" -> Line.Kind.MINUTE;
      case "problem" -> Line.Kind.PROBLEM;
      case "shape", "load_shape" -> Line.Kind.SHAPE;
      default -> Line.Kind.OTHER;
    };
  }

  /** The fields each drawn kind needs. */
  private static String check(Line line) {
    if (line.kind == null) {
      return "no \"kind\" field, expected \"execution\", \"minute\" or another kind of result";
    }
    switch (line.kind) {
      case EXECUTION -> {
        if (line.testName == null || line.plannedNanos == Line.NONE || line.endNanos == Line.NONE) {
          return "an execution without test_name, planned_epoch_ns or end_epoch_ns";
        }
        if (line.startNanos == Line.NONE) {
          line.startNanos = line.endNanos;
        }
        if (!line.ok && line.errorClass == null) {
          line.errorClass = "unknown";
        }
      }
      case MINUTE, TRIP, SHAPE, PROBLEM -> {
        if (line.epochMillis == Line.NONE) {
          return "a " + line.kindName + " line without minute_epoch_ms or epoch_ms";
        }
      }
      default -> {
        return null;
      }
    }
    if (line.host == null) {
      line.host = "unknown";
    }
    if (line.testName == null) {
      line.testName = "";
    }
    return null;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
