package io.github.capacity.metrics.statsd;

import io.github.capacity.api.Definition;
import io.github.capacity.api.DestinationContext;
import io.github.capacity.api.InvalidDefinitionException;
import io.github.capacity.api.MetricsDestination;
import io.github.capacity.api.MetricsSink;
import io.github.capacity.sink.BufferedSink;
import io.github.capacity.metrics.internal.DestinationSettings;
import io.github.capacity.sink.UdpTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code statsd} destination: per execution, counters and timers over UDP, several lines per
 * datagram up to {@code packet_size} (default 1432 bytes), with an optional sample rate and
 * DogStatsD tags. Keys and metric names: {@code docs/metrics.md}. Stateless and thread safe.
 */
public final class StatsdDestination implements MetricsDestination {
  private static final Set<String> KEYS = Set.of("host", "port", "prefix", "packet_size", "sample_rate",
      "tags", "buffer", "write_timeout");

  @Override
  public String name() {
    return "statsd";
  }

  @Override
  public MetricsSink open(Definition definition, DestinationContext context) throws InvalidDefinitionException {
    definition.requireOnly(KEYS);
    String host = DestinationSettings.host(definition, "127.0.0.1");
    int port = DestinationSettings.port(definition, 8125);
    String prefix = DestinationSettings.prefix(definition);
    int packetSize = DestinationSettings.packetSize(definition);
    double sampleRate = sampleRate(definition);
    List<String> tags = tags(definition);
    StatsdFormat format = new StatsdFormat(prefix, context.host(), sampleRate, tags);
    StatsdPipeline pipeline = new StatsdPipeline(new UdpTransport(host, port), format, packetSize, sampleRate,
        () -> ThreadLocalRandom.current().nextDouble());
    return BufferedSink.start("statsd:" + definition.path(), pipeline, DestinationSettings.buffer(definition),
        DestinationSettings.writeTimeout(definition), context.timeSource());
  }

  private static double sampleRate(Definition definition) throws InvalidDefinitionException {
    Object value = definition.settings().get("sample_rate");
    if (value == null) {
      return 1.0;
    }
    if (value instanceof Number n && n.doubleValue() > 0 && n.doubleValue() <= 1) {
      return n.doubleValue();
    }
    throw definition.error("sample_rate", "is " + Definition.describe(value)
        + ", expected a number above 0 and at most 1, such as 0.1");
  }

  private static List<String> tags(Definition definition) throws InvalidDefinitionException {
    Object value = definition.settings().get("tags");
    List<String> tags = new ArrayList<>();
    if (value == null) {
      return tags;
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        tags.add(StatsdFormat.tag(String.valueOf(entry.getKey()),
            entry.getValue() == null ? null : String.valueOf(entry.getValue())));
      }
      return tags;
    }
    if (value instanceof List<?> list) {
      for (Object item : list) {
        if (!(item instanceof String s) || s.isEmpty()) {
          throw definition.error("tags", "holds " + Definition.describe(item) + ", expected strings such as \"env:prod\"");
        }
        int colon = s.indexOf(':');
        tags.add(colon < 0 ? StatsdFormat.tag(s, null) : StatsdFormat.tag(s.substring(0, colon), s.substring(colon + 1)));
      }
      return tags;
    }
    throw definition.error("tags", "is " + Definition.describe(value)
        + ", expected an object such as {\"env\": \"prod\"} or a list such as [\"env:prod\"]");
  }
}
