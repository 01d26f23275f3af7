package io.github.capacity.metrics.udp;

import io.github.capacity.api.Definition;
import io.github.capacity.api.DestinationContext;
import io.github.capacity.api.InvalidDefinitionException;
import io.github.capacity.api.MetricsDestination;
import io.github.capacity.api.MetricsSink;
import io.github.capacity.sink.BufferedSink;
import io.github.capacity.metrics.internal.DestinationSettings;
import io.github.capacity.sink.UdpTransport;
import java.util.Set;

/**
 * The {@code udp} destination: the seed's JSON document per execution, one per datagram, to
 * {@code host:port} (default 127.0.0.1:5000). Fields: {@code docs/metrics.md}. Stateless and
 * thread safe.
 */
public final class UdpDestination implements MetricsDestination {
  private static final Set<String> KEYS = Set.of("host", "port", "buffer", "write_timeout");

  @Override
  public String name() {
    return "udp";
  }

  @Override
  public MetricsSink open(Definition definition, DestinationContext context) throws InvalidDefinitionException {
    definition.requireOnly(KEYS);
    UdpTransport transport = new UdpTransport(DestinationSettings.host(definition, "127.0.0.1"), DestinationSettings.port(definition, 5000));
    return BufferedSink.start("udp:" + definition.path(), new UdpPipeline(transport, context.host()),
        DestinationSettings.buffer(definition), DestinationSettings.writeTimeout(definition), context.timeSource());
  }
}
