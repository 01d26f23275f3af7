package io.github.capacity.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.Problem;
import io.github.capacity.api.Result;
import io.github.capacity.api.Trip;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes the JSON documents of the {@code file} and {@code udp} destinations, one line each, as
 * UTF-8 bytes without the newline. Field names are listed in {@code docs/metrics.md}. Each
 * document method replaces the current line, which {@link #appendTo} or {@link #bytes} then takes:
 * {@code json.execution(result).appendTo(packer)}.
 *
 * <p>One Jackson streaming generator serves every document of a destination: each is written as
 * the next root value into a buffer that is reused, so a result costs no tree, no generator and
 * no string, at up to tens of thousands a second. Jackson escapes every value, so a test name or
 * detail with quotes, newlines or a lone surrogate stays inside its string (characters outside the
 * BMP are written as {@code \\uXXXX} pairs). Durations are plain decimals ({@code 0.104}); the
 * doubles of a minute's figures use Jackson's fast writer, without the JDK's big-integer arithmetic.
 *
 * <p>Not thread safe: one instance per sender thread.
 */
public final class JsonLines {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
      .build();

  /** The current line; its array is read in place. */
  private static final class LineBuffer extends ByteArrayOutputStream {
    LineBuffer() {
      super(512);
    }

    byte[] array() {
      return buf;
    }
  }

  private final LineBuffer buffer = new LineBuffer();
  private final char[] digits = new char[32];
  private JsonGenerator json = newGenerator();

  private JsonGenerator newGenerator() {
    try {
      JsonGenerator generator = FACTORY.createGenerator(buffer);
      generator.setRootValueSeparator(null);
      return generator;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One execution: the seed's {@code test_name}, {@code test_time}, {@code test_epoch} and the rest. */
  public JsonLines execution(Result result) {
    Outcome outcome = result.outcome();
    try {
      begin("execution");
      json.writeStringField("test_name", result.testName());
      decimal("test_time", micros(result.serviceNanos()), 6);
      json.writeNumberField("test_epoch", Math.floorDiv(result.startEpochNanos(), 1_000_000_000L));
      json.writeStringField("test_type", result.testType());
      json.writeStringField("host", result.host());
      json.writeNumberField("planned_epoch_ns", result.plannedEpochNanos());
      json.writeNumberField("start_epoch_ns", result.startEpochNanos());
      json.writeNumberField("end_epoch_ns", result.endEpochNanos());
      decimal("latency_ms", micros(result.latencyNanos()), 3);
      decimal("service_time_ms", micros(result.serviceNanos()), 3);
      decimal("start_lag_ms", micros(result.startLagNanos()), 3);
      json.writeBooleanField("ok", outcome.ok());
      json.writeStringField("error_class", outcome.ok() ? null : outcome.errorClass().word());
      json.writeFieldName("status");
      if (outcome.status() == Outcome.NO_STATUS) {
        json.writeNull();
      } else {
        json.writeNumber(outcome.status());
      }
      json.writeNumberField("bytes", outcome.bytes());
      json.writeStringField("detail", outcome.detail());
      return end();
    } catch (IOException e) {
      throw failed(e);
    }
  }

  /** Nanoseconds rounded to microseconds, halves up. */
  private static long micros(long nanos) {
    return Math.floorDiv(nanos + 500, 1_000L);
  }

  /**
   * Writes {@code units / 10^scale} as a plain decimal: {@code 0.104}, {@code 2.0}, {@code
   * 0.000104}, never an exponent, trailing zeros cut down to one. The digits come straight from the
   * integer: a double's shortest digits would cost a conversion and its garbage four times a line.
   */
  private void decimal(String field, long units, int scale) throws IOException {
    char[] text = digits;
    int end = text.length;
    int at = end;
    long rest = Math.abs(units); // units stay far inside the long range: nanoseconds / 1000
    int fraction = 0;
    boolean significant = false;
    for (; fraction < scale; fraction++) {
      int digit = (int) (rest % 10);
      rest /= 10;
      if (digit != 0 || significant) {
        text[--at] = (char) ('0' + digit);
        significant = true;
      }
    }
    if (!significant) {
      text[--at] = '0';
    }
    text[--at] = '.';
    do {
      text[--at] = (char) ('0' + (rest % 10));
      rest /= 10;
    } while (rest > 0);
    if (units < 0) {
      text[--at] = '-';
    }
    json.writeFieldName(field);
    json.writeNumber(text, at, end - at);
  }

  /**
   * A test's minute: the engine's account, its destination's delivery figures when any is above
   * zero, and, when results arrived, their figures.
   */
  public JsonLines minute(MinuteAccount account, Summary summary) {
    try {
      begin("minute");
      json.writeStringField("test_name", account.testName());
      json.writeStringField("host", account.host());
      json.writeNumberField("minute_epoch_ms", account.minuteEpochMillis());
      json.writeNumberField("planned", account.planned());
      json.writeNumberField("started", account.started());
      json.writeNumberField("completed", account.completed());
      json.writeNumberField("ok", account.ok());
      json.writeNumberField("failed", account.failed());
      json.writeNumberField("dropped", account.dropped());
      json.writeNumberField("cancelled", account.cancelled());
      json.writeNumberField("skipped", account.skipped());
      if (account.fleetWide()) {
        json.writeNumberField("fleet_planned", account.fleetPlanned());
        json.writeNumberField("fleet_index", account.fleetIndex());
        json.writeNumberField("fleet_size", account.fleetSize());
      }
      MinuteAccount.Delivery delivery = account.delivery();
      if (!delivery.equals(MinuteAccount.Delivery.NONE)) {
        json.writeObjectFieldStart("metrics");
        json.writeNumberField("dropped", delivery.dropped());
        json.writeNumberField("spooled", delivery.spooled());
        json.writeNumberField("replayed", delivery.replayed());
        json.writeNumberField("spool_dropped", delivery.spoolDropped());
        json.writeEndObject();
      }
      if (summary != null) {
        json.writeFieldName("results");
        summary(summary);
      }
      return end();
    } catch (IOException e) {
      throw failed(e);
    }
  }

  private void summary(Summary summary) throws IOException {
    json.writeStartObject();
    json.writeNumberField("count", summary.count());
    json.writeNumberField("ok", summary.ok());
    json.writeNumberField("failed", summary.failed());
    json.writeNumberField("dropped", summary.dropped());
    json.writeNumberField("cancelled", summary.cancelled());
    latency("latency_ms", summary.latency());
    latency("service_time_ms", summary.serviceTime());
    latency("start_lag_ms", summary.startLag());
    json.writeObjectFieldStart("errors");
    for (Map.Entry<String, Long> error : summary.errors().entrySet()) {
      json.writeNumberField(error.getKey(), error.getValue());
    }
    json.writeEndObject();
    json.writeEndObject();
  }

  private void latency(String name, Summary.Latency latency) throws IOException {
    json.writeFieldName(name);
    if (latency == null) {
      json.writeNull();
      return;
    }
    json.writeStartObject();
    json.writeNumberField("min", latency.min());
    json.writeNumberField("mean", latency.mean());
    json.writeNumberField("p50", latency.p50());
    json.writeNumberField("p90", latency.p90());
    json.writeNumberField("p99", latency.p99());
    json.writeNumberField("max", latency.max());
    json.writeEndObject();
  }

  /** A configuration problem such as {@code unknown_test_type}. */
  public JsonLines problem(Problem problem) {
    try {
      begin("problem");
      json.writeStringField("test_name", problem.testName());
      json.writeStringField("host", problem.host());
      json.writeStringField("error_class", problem.kind().word());
      json.writeStringField("message", problem.message());
      json.writeNumberField("epoch_ms", problem.epochMillis());
      return end();
    } catch (IOException e) {
      throw failed(e);
    }
  }

  /**
   * A guardrail trip: what held, the figures, when, until when, and the rates that bracket the
   * knee ({@code held_rate} is {@code null} when no window held).
   */
  public JsonLines trip(Trip trip) {
    try {
      begin("trip");
      json.writeStringField("test_name", trip.testName());
      json.writeStringField("host", trip.host());
      json.writeStringField("condition", trip.condition());
      json.writeStringField("figures", trip.figures());
      json.writeNumberField("epoch_ms", trip.epochMillis());
      json.writeNumberField("until_epoch_ms", trip.untilEpochMillis());
      json.writeFieldName("tripped_rate");
      json.writeRawValue(Trip.rate(trip.trippedRate()));
      json.writeFieldName("held_rate");
      if (trip.hasHeldRate()) {
        json.writeRawValue(Trip.rate(trip.heldRate()));
      } else {
        json.writeNull();
      }
      return end();
    } catch (IOException e) {
      throw failed(e);
    }
  }

  /** Events this destination had to drop since the last such document. */
  public JsonLines dropped(String host, long dropped, long epochMillis) {
    try {
      begin("metrics_dropped");
      json.writeStringField("host", host);
      json.writeNumberField("dropped", dropped);
      json.writeNumberField("epoch_ms", epochMillis);
      return end();
    } catch (IOException e) {
      throw failed(e);
    }
  }

  /** Adds the current line to {@code packer}. */
  public void appendTo(Packer packer) {
    packer.add(buffer.array(), 0, buffer.size());
  }

  /** The current line's bytes, a copy. */
  public byte[] bytes() {
    return Arrays.copyOf(buffer.array(), buffer.size());
  }

  /** Starts a document of {@code kind} in place of the current line. */
  private void begin(String kind) throws IOException {
    buffer.reset();
    json.writeStartObject();
    json.writeStringField("kind", kind);
  }

  /** Ends the document: it is the current line. */
  private JsonLines end() throws IOException {
    json.writeEndObject();
    json.flush();
    return this;
  }

  /**
   * Writing into memory fails only on a bug; the next document starts on a fresh generator, never
   * after half of this one.
   */
  private UncheckedIOException failed(IOException e) {
    buffer.reset();
    json = newGenerator();
    return new UncheckedIOException("cannot write a JSON line", e);
  }
}
