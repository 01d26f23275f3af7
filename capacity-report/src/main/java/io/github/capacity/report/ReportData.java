package io.github.capacity.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.AbstractHistogram;

/**
 * Writes an {@link Aggregation} as the JSON document the page draws (its shape is read by
 * {@code report.js}): the time axis, then a section for the fleet (all tests) and one per test,
 * each with its rates, latencies, errors and percentile distribution. Rates are per second;
 * latencies are milliseconds; times are epoch seconds.
 */
final class ReportData {
  /** Hosts drawn one by one in a stacked chart; the others are summed as one. */
  static final int STACKED_HOSTS = 12;

  private final Aggregation aggregation;
  private final JsonGenerator json;
  private final long first;
  private final long last;
  private final int width;

  ReportData(Aggregation aggregation, JsonGenerator json) {
    this.aggregation = aggregation;
    this.json = json;
    Timeline timeline = aggregation.timeline;
    this.first = timeline.isEmpty() ? 0 : timeline.firstIndex();
    this.last = timeline.isEmpty() ? -1 : timeline.lastIndex();
    this.width = timeline.widthSeconds();
  }

  /** Writes the time axis and the sections as fields of the current object. */
  void write() throws IOException {
    json.writeNumberField("step", width);
    json.writeArrayFieldStart("x");
    for (long i = first; i <= last; i++) {
      json.writeNumber(i * width);
    }
    json.writeEndArray();
    json.writeArrayFieldStart("sections");
    section(aggregation.fleet(), true);
    for (TestSeries test : aggregation.tests.values()) {
      section(test, false);
    }
    json.writeEndArray();
  }

  private void section(TestSeries test, boolean fleet) throws IOException {
    json.writeStartObject();
    json.writeStringField("name", test.name);
    json.writeBooleanField("fleet", fleet);
    summary(test);
    json.writeObjectFieldStart("rates");
    rate("requested", test, b -> b.planned);
    rate("started", test, b -> b.started);
    rate("ok", test, b -> b.ok);
    rate("failed", test, b -> b.failed);
    rate("dropped", test, b -> b.dropped);
    rate("skipped", test, b -> b.skipped);
    rate("cancelled", test, b -> b.cancelled);
    json.writeEndObject();
    byHost(test);
    percentiles("latency", test, true);
    percentiles("service", test, false);
    errors(test);
    Distribution.write(json, test.latency, test.service);
    json.writeEndObject();
  }

  private interface Figure {
    double of(Bucket bucket);
  }

  /** One value per bucket, per second; an array field when {@code name} is given, else an element. */
  private void rate(String name, TestSeries test, Figure figure) throws IOException {
    if (name == null) {
      json.writeStartArray();
    } else {
      json.writeArrayFieldStart(name);
    }
    for (long i = first; i <= last; i++) {
      Bucket bucket = test.buckets.get(i);
      number(bucket == null ? 0 : figure.of(bucket) / width);
    }
    json.writeEndArray();
  }

  /** Started per second for the busiest hosts, and the rest summed, for a stacked chart. */
  private void byHost(TestSeries test) throws IOException {
    List<Integer> ids = new ArrayList<>();
    for (int id = 0; id < aggregation.hosts.size(); id++) {
      if (test.totals.startedBy(id) > 0) {
        ids.add(id);
      }
    }
    ids.sort(Comparator.comparingLong((Integer id) -> -test.totals.startedBy(id))
        .thenComparing(id -> aggregation.hosts.name(id)));
    List<Integer> shown = ids.subList(0, Math.min(ids.size(), STACKED_HOSTS));
    List<Integer> rest = ids.subList(shown.size(), ids.size());
    json.writeArrayFieldStart("hosts");
    for (int id : shown) {
      json.writeString(aggregation.hosts.name(id));
    }
    if (!rest.isEmpty()) {
      json.writeString(rest.size() + " other hosts");
    }
    json.writeEndArray();
    json.writeArrayFieldStart("byHost");
    for (int id : shown) {
      rate(null, test, b -> b.startedBy(id));
    }
    if (!rest.isEmpty()) {
      rate(null, test, b -> rest.stream().mapToLong(b::startedBy).sum());
    }
    json.writeEndArray();
  }

  private void percentiles(String name, TestSeries test, boolean fromPlanned) throws IOException {
    json.writeObjectFieldStart(name);
    for (double percentile : new double[] {50, 90, 99, 100}) {
      json.writeArrayFieldStart(percentile == 100 ? "max" : "p" + (int) percentile);
      for (long i = first; i <= last; i++) {
        Bucket bucket = test.buckets.get(i);
        AbstractHistogram histogram = bucket == null ? null : fromPlanned ? bucket.latency : bucket.service;
        if (histogram == null || histogram.getTotalCount() == 0) {
          json.writeNull();
        } else {
          number(percentile == 100 ? millis(histogram.getMaxValue()) : Distribution.at(histogram, percentile));
        }
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  private void errors(TestSeries test) throws IOException {
    json.writeArrayFieldStart("errorClasses");
    List<Integer> ids = new ArrayList<>();
    for (int id = 0; id < aggregation.errorClasses.size(); id++) {
      if (test.totals.errors(id) > 0) {
        ids.add(id);
        json.writeString(aggregation.errorClasses.name(id));
      }
    }
    json.writeEndArray();
    json.writeArrayFieldStart("errors");
    for (int id : ids) {
      rate(null, test, b -> b.errors(id));
    }
    json.writeEndArray();
  }

  private void summary(TestSeries test) throws IOException {
    Bucket t = test.totals;
    json.writeObjectFieldStart("summary");
    json.writeNumberField("requested", t.planned);
    json.writeNumberField("started", t.started);
    json.writeNumberField("ok", t.ok);
    json.writeNumberField("failed", t.failed);
    json.writeNumberField("dropped", t.dropped);
    json.writeNumberField("cancelled", t.cancelled);
    json.writeNumberField("skipped", Math.round(t.skipped));
    int hosts = 0;
    for (int id = 0; id < aggregation.hosts.size(); id++) {
      hosts += t.startedBy(id) > 0 ? 1 : 0;
    }
    json.writeNumberField("hosts", hosts);
    long firstBucket = test.buckets.keySet().stream().mapToLong(Long::longValue).min().orElse(0);
    long lastBucket = test.buckets.keySet().stream().mapToLong(Long::longValue).max().orElse(-1);
    json.writeNumberField("from", firstBucket * width);
    json.writeNumberField("to", (lastBucket + 1) * width);
    Distribution.summary(json, "latency", test.latency);
    Distribution.summary(json, "service", test.service);
    json.writeObjectFieldStart("errors");
    for (int id = 0; id < aggregation.errorClasses.size(); id++) {
      if (t.errors(id) > 0) {
        json.writeNumberField(aggregation.errorClasses.name(id), t.errors(id));
      }
    }
    json.writeEndObject();
    json.writeEndObject();
  }

  private void number(double value) throws IOException {
    json.writeNumber(Math.round(value * 1000) / 1000.0);
  }

  static double millis(long micros) {
    return micros / 1000.0;
  }

  /** Host rows: counts and latency percentiles, sorted by name. */
  static void hosts(JsonGenerator json, Aggregation aggregation) throws IOException {
    json.writeArrayFieldStart("hosts");
    List<Integer> ids = new ArrayList<>();
    for (int id = 0; id < aggregation.hosts.size(); id++) {
      ids.add(id);
    }
    ids.sort(Comparator.comparing(aggregation.hosts::name));
    for (int id : ids) {
      long[] counts = aggregation.hostCounts.get(id);
      json.writeStartObject();
      json.writeStringField("name", aggregation.hosts.name(id));
      json.writeNumberField("started", counts[0]);
      json.writeNumberField("ok", counts[1]);
      json.writeNumberField("failed", counts[2]);
      json.writeNumberField("dropped", counts[3]);
      Distribution.summary(json, "latency", aggregation.hostLatency.get(id));
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  static void counts(JsonGenerator json, String field, Map<String, Long> counts) throws IOException {
    json.writeObjectFieldStart(field);
    for (Map.Entry<String, Long> entry : counts.entrySet()) {
      json.writeNumberField(entry.getKey(), entry.getValue());
    }
    json.writeEndObject();
  }
}
