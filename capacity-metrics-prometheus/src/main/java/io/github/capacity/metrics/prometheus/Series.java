package io.github.capacity.metrics.prometheus;

import io.github.capacity.metrics.prometheus.prompb.Label;
import io.github.capacity.metrics.prometheus.prompb.Sample;
import io.github.capacity.metrics.prometheus.prompb.TimeSeries;
import io.github.capacity.metrics.prometheus.prompb.WriteRequest;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects the samples of one remote-write request. Each series gets its labels sorted by name
 * ({@code __name__} sorts first), as the protocol requires. Not thread safe.
 */
final class Series {
  private final Map<String, String> common;
  private final long timestampMillis;
  private final WriteRequest.Builder request = WriteRequest.newBuilder();

  /** Samples stamped {@code timestampMillis}, each with the {@code common} labels too. */
  Series(Map<String, String> common, long timestampMillis) {
    this.common = common;
    this.timestampMillis = timestampMillis;
  }

  /** Adds one sample of {@code name}; {@code labels} alternate names and values. */
  Series add(String name, double value, String... labels) {
    TreeMap<String, String> sorted = new TreeMap<>(common);
    for (int i = 0; i < labels.length; i += 2) {
      sorted.put(labels[i], labels[i + 1]);
    }
    sorted.put("__name__", name);
    TimeSeries.Builder series = TimeSeries.newBuilder();
    sorted.forEach((key, text) -> series.addLabels(Label.newBuilder().setName(key).setValue(text)));
    series.addSamples(Sample.newBuilder().setValue(value).setTimestamp(timestampMillis));
    request.addTimeseries(series);
    return this;
  }

  int size() {
    return request.getTimeseriesCount();
  }

  WriteRequest build() {
    return request.build();
  }
}
