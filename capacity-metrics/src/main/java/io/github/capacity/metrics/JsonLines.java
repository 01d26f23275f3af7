package io.github.capacity.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.Problem;
import io.github.capacity.api.Result;
import java.io.UncheckedIOException;

/**
 * The JSON documents of the {@code file} and {@code udp} destinations, built with Jackson so that
 * any value, a test name with a newline included, stays inside its string. Each document is one
 * line. Field names are listed in {@code docs/metrics.md}. Thread safe.
 */
public final class JsonLines {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private JsonLines() {}

  /** One execution: the seed's {@code test_name}, {@code test_time}, {@code test_epoch} and the rest. */
  public static ObjectNode execution(Result result) {
    Outcome outcome = result.outcome();
    ObjectNode node = MAPPER.createObjectNode();
    node.put("kind", "execution");
    node.put("test_name", result.testName());
    node.put("test_time", Math.round(result.serviceNanos() / 1_000.0) / 1e6);
    node.put("test_epoch", Math.floorDiv(result.startEpochNanos(), 1_000_000_000L));
    node.put("test_type", result.testType());
    node.put("host", result.host());
    node.put("planned_epoch_ns", result.plannedEpochNanos());
    node.put("start_epoch_ns", result.startEpochNanos());
    node.put("end_epoch_ns", result.endEpochNanos());
    node.put("latency_ms", Millis.ofNanos(result.latencyNanos()));
    node.put("service_time_ms", Millis.ofNanos(result.serviceNanos()));
    node.put("start_lag_ms", Millis.ofNanos(result.startLagNanos()));
    node.put("ok", outcome.ok());
    node.put("error_class", outcome.ok() ? null : outcome.errorClass().word());
    if (outcome.status() == Outcome.NO_STATUS) {
      node.putNull("status");
    } else {
      node.put("status", outcome.status());
    }
    node.put("bytes", outcome.bytes());
    node.put("detail", outcome.detail());
    return node;
  }

  /**
   * {@code line(execution(result))}, written straight into a string: the same characters, without
   * building a tree and a generator for each of up to tens of thousands of results a second.
   * Strings are escaped exactly as Jackson's default generator does.
   */
  public static String executionLine(Result result) {
    Outcome outcome = result.outcome();
    StringBuilder out = new StringBuilder(400);
    out.append("{\"kind\":\"execution\",\"test_name\":");
    string(out, result.testName());
    out.append(",\"test_time\":").append(Math.round(result.serviceNanos() / 1_000.0) / 1e6);
    out.append(",\"test_epoch\":").append(Math.floorDiv(result.startEpochNanos(), 1_000_000_000L));
    out.append(",\"test_type\":");
    string(out, result.testType());
    out.append(",\"host\":");
    string(out, result.host());
    out.append(",\"planned_epoch_ns\":").append(result.plannedEpochNanos());
    out.append(",\"start_epoch_ns\":").append(result.startEpochNanos());
    out.append(",\"end_epoch_ns\":").append(result.endEpochNanos());
    out.append(",\"latency_ms\":").append(Millis.ofNanos(result.latencyNanos()));
    out.append(",\"service_time_ms\":").append(Millis.ofNanos(result.serviceNanos()));
    out.append(",\"start_lag_ms\":").append(Millis.ofNanos(result.startLagNanos()));
    out.append(",\"ok\":").append(outcome.ok());
    out.append(",\"error_class\":");
    string(out, outcome.ok() ? null : outcome.errorClass().word());
    out.append(",\"status\":");
    if (outcome.status() == Outcome.NO_STATUS) {
      out.append("null");
    } else {
      out.append(outcome.status());
    }
    out.append(",\"bytes\":").append(outcome.bytes());
    out.append(",\"detail\":");
    string(out, outcome.detail());
    return out.append('}').toString();
  }

  /** A JSON string or null, escaped as Jackson does by default: short escapes, else uppercase hex. */
  private static void string(StringBuilder out, String value) {
    if (value == null) {
      out.append("null");
      return;
    }
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** A test's minute: the engine's account and, when results arrived, their figures. */
  public static ObjectNode minute(MinuteAccount account, Summary summary) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("kind", "minute");
    node.put("test_name", account.testName());
    node.put("host", account.host());
    node.put("minute_epoch_ms", account.minuteEpochMillis());
    node.put("planned", account.planned());
    node.put("started", account.started());
    node.put("completed", account.completed());
    node.put("ok", account.ok());
    node.put("failed", account.failed());
    node.put("dropped", account.dropped());
    node.put("cancelled", account.cancelled());
    node.put("skipped", account.skipped());
    if (summary != null) {
      node.set("results", summary(summary));
    }
    return node;
  }

  /** The figures of a {@link Summary}. */
  public static ObjectNode summary(Summary summary) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("count", summary.count());
    node.put("ok", summary.ok());
    node.put("failed", summary.failed());
    node.put("dropped", summary.dropped());
    node.put("cancelled", summary.cancelled());
    node.set("latency_ms", MAPPER.valueToTree(summary.latency()));
    node.set("service_time_ms", MAPPER.valueToTree(summary.serviceTime()));
    node.set("start_lag_ms", MAPPER.valueToTree(summary.startLag()));
    node.set("errors", MAPPER.valueToTree(summary.errors()));
    return node;
  }

  /** A configuration problem such as {@code unknown_test_type}. */
  public static ObjectNode problem(Problem problem) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("kind", "problem");
    node.put("test_name", problem.testName());
    node.put("host", problem.host());
    node.put("error_class", problem.kind().word());
    node.put("message", problem.message());
    node.put("epoch_ms", problem.epochMillis());
    return node;
  }

  /** Events this destination had to drop since the last such document. */
  public static ObjectNode dropped(String host, long dropped, long epochMillis) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("kind", "metrics_dropped");
    node.put("host", host);
    node.put("dropped", dropped);
    node.put("epoch_ms", epochMillis);
    return node;
  }

  /** The document as one line of JSON, without a newline. */
  public static String line(ObjectNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
