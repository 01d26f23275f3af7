package io.github.capacity.metrics.prometheus;

import io.github.capacity.api.Definition;
import io.github.capacity.api.DestinationContext;
import io.github.capacity.api.InvalidDefinitionException;
import io.github.capacity.api.MetricsDestination;
import io.github.capacity.api.MetricsSink;
import io.github.capacity.metrics.Aggregator;
import io.github.capacity.metrics.BufferedSink;
import io.github.capacity.metrics.DestinationSettings;
import io.github.capacity.metrics.spool.Spools;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code prometheus} destination: per test and per wall-clock interval (default 10 s), counts
 * and latency figures pushed with the remote-write protocol (protobuf, Snappy) to Prometheus or
 * anything that takes it (Mimir, VictoriaMetrics, Thanos receive); spooled like graphite. Keys and
 * series: {@code docs/metrics.md}. Stateless and thread safe; each {@link #open} returns an
 * independent sink.
 */
public final class PrometheusDestination implements MetricsDestination {
  private static final Set<String> KEYS = keys();
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Set<String> OWN_LABELS = Set.of("job", "host", "test", "outcome", "error_class",
      "quantile", "state", "fleet_index", "fleet_size");

  @Override
  public String name() {
    return "prometheus";
  }

  @Override
  public MetricsSink open(Definition definition, DestinationContext context) throws InvalidDefinitionException {
    definition.requireOnly(KEYS);
    URL url = url(definition);
    Duration interval = definition.duration("interval", Duration.ofSeconds(10));
    if (interval.toMillis() % 1000 != 0 || interval.isZero() || interval.compareTo(Duration.ofMinutes(5)) > 0) {
      throw definition.error("interval", "is " + Definition.describe(definition.settings().get("interval"))
          + ", expected whole seconds from \"1s\" to \"5m\", such as \"10s\"");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("job", definition.string("job", "capacity"));
    labels.put("host", context.host());
    for (Map.Entry<String, Object> label : definition.section("labels").settings().entrySet()) {
      if (!LABEL_NAME.matcher(label.getKey()).matches() || label.getKey().startsWith("__")
          || OWN_LABELS.contains(label.getKey()) || !(label.getValue() instanceof String)) {
        throw definition.error("labels", "holds " + Definition.describe(label.getKey()) + ": "
            + Definition.describe(label.getValue()) + ", expected label names of letters, digits and _ (not "
            + String.join(", ", OWN_LABELS.stream().sorted().toList()) + ") with string values");
      }
      labels.put(label.getKey(), (String) label.getValue());
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, Object> header : definition.section("headers").settings().entrySet()) {
      if (!header.getKey().matches("[A-Za-z0-9-]+") || !(header.getValue() instanceof String value)
          || value.chars().anyMatch(c -> c < 0x20)) {
        throw definition.error("headers", "holds " + Definition.describe(header.getKey())
            + ", expected header names of letters, digits and - with string values, such as"
            + " {\"X-Scope-OrgID\": \"capacity\"}");
      }
      headers.put(header.getKey(), value);
    }
    int writeTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, DestinationSettings.writeTimeout(definition).toMillis());
    RemoteWriteTransport transport = new RemoteWriteTransport(url, headers,
        DestinationSettings.connectTimeoutMillis(definition), Math.max(1, writeTimeoutMillis));
    PrometheusPipeline pipeline = new PrometheusPipeline(transport, new PrometheusFormat(labels),
        new Aggregator(interval.toMillis()), Spools.open(definition, context));
    return BufferedSink.start("prometheus:" + definition.path(), pipeline, DestinationSettings.buffer(definition),
        DestinationSettings.writeTimeout(definition), context.timeSource());
  }

  private static URL url(Definition definition) throws InvalidDefinitionException {
    String text = definition.string("url", "http://127.0.0.1:9090/api/v1/write");
    try {
      URI uri = new URI(text);
      if ((!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new URISyntaxException(text, "not http");
      }
      return uri.toURL();
    } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
      throw definition.error("url", "is " + Definition.describe(text)
          + ", expected an http or https URL such as \"http://prometheus:9090/api/v1/write\"");
    }
  }

  private static Set<String> keys() {
    Set<String> keys = new HashSet<>(Set.of("url", "interval", "job", "labels", "headers", "buffer",
        "write_timeout", "connect_timeout"));
    keys.addAll(Spools.KEYS);
    return Set.copyOf(keys);
  }
}
