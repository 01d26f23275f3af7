package io.github.capacity.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.HdrHistogram.AbstractHistogram;

/**
 * Latency percentiles as HdrHistogram plots them: the x axis is {@code 1 / (1 - percentile)} on a
 * log scale (2 is 50 %, 10 is 90 %, 100 is 99 %), five points per halving of the distance to
 * 100 %, up to the percentile the number of values can still tell apart. A percentile is the
 * middle of its HdrHistogram bucket, as the metrics destinations report it. Values in
 * milliseconds.
 */
final class Distribution {
  static final int TICKS_PER_HALF_DISTANCE = 5;
  static final double MAX_X = 1_000_000;

  private Distribution() {}

  /** The {@code distribution} field: {@code x}, {@code latency} and {@code service} arrays. */
  static void write(JsonGenerator json, AbstractHistogram latency, AbstractHistogram service) throws IOException {
    json.writeObjectFieldStart("distribution");
    long count = Math.max(latency.getTotalCount(), service.getTotalCount());
    int points = count == 0 ? 0 : points(count);
    json.writeArrayFieldStart("x");
    for (int i = 0; i < points; i++) {
      json.writeNumber(round(x(i)));
    }
    json.writeEndArray();
    values(json, "latency", latency, points);
    values(json, "service", service, points);
    json.writeEndObject();
  }

  /** Points from 0 % while {@code 1 / (1 - p)} stays within the count and {@link #MAX_X}. */
  static int points(long count) {
    double limit = Math.min(MAX_X, Math.max(2, count));
    int points = 0;
    while (x(points) <= limit) {
      points++;
    }
    return points;
  }

  /** {@code 1 / (1 - p)} of point {@code i}: {@code 2^(i / ticks)}. */
  static double x(int i) {
    return Math.pow(2, (double) i / TICKS_PER_HALF_DISTANCE);
  }

  static double percentile(int i) {
    return 100 * (1 - 1 / x(i));
  }

  private static void values(JsonGenerator json, String field, AbstractHistogram histogram, int points)
      throws IOException {
    json.writeArrayFieldStart(field);
    for (int i = 0; i < points; i++) {
      if (histogram.getTotalCount() == 0) {
        json.writeNull();
      } else {
        json.writeNumber(at(histogram, percentile(i)));
      }
    }
    json.writeEndArray();
  }

  /** {@code field}: count, min, mean, p50, p90, p99, p99.9 and max in milliseconds, or null. */
  static void summary(JsonGenerator json, String field, AbstractHistogram histogram) throws IOException {
    if (histogram.getTotalCount() == 0) {
      json.writeNullField(field);
      return;
    }
    json.writeObjectFieldStart(field);
    json.writeNumberField("count", histogram.getTotalCount());
    json.writeNumberField("min", ReportData.millis(histogram.getMinValue()));
    json.writeNumberField("mean", round(histogram.getMean() / 1000.0));
    json.writeNumberField("p50", at(histogram, 50));
    json.writeNumberField("p90", at(histogram, 90));
    json.writeNumberField("p99", at(histogram, 99));
    json.writeNumberField("p999", at(histogram, 99.9));
    json.writeNumberField("max", ReportData.millis(histogram.getMaxValue()));
    json.writeEndObject();
  }

  /** The {@code percentile} in milliseconds: the middle of its bucket, within the exact max. */
  static double at(AbstractHistogram histogram, double percentile) {
    long value = histogram.medianEquivalentValue(histogram.getValueAtPercentile(percentile));
    return ReportData.millis(Math.min(value, histogram.getMaxValue()));
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
