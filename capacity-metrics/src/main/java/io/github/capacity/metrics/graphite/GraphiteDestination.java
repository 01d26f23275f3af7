package io.github.capacity.metrics.graphite;

import io.github.capacity.api.Definition;
import io.github.capacity.api.DestinationContext;
import io.github.capacity.api.InvalidDefinitionException;
import io.github.capacity.api.MetricsDestination;
import io.github.capacity.api.MetricsSink;
import io.github.capacity.metrics.Aggregator;
import io.github.capacity.metrics.BufferedSink;
import io.github.capacity.metrics.DestinationSettings;
import io.github.capacity.metrics.TcpTransport;
import io.github.capacity.metrics.Transport;
import io.github.capacity.metrics.UdpTransport;
import io.github.capacity.metrics.spool.Spool;
import io.github.capacity.metrics.spool.Spools;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * The {@code graphite} destination: per test and per wall-clock interval (default 10 s), counts
 * and latency figures in the plaintext protocol over TCP (or UDP), named {@code
 * <prefix>.<host>.<test_name>.<metric>}. Over TCP, what cannot be delivered goes to a {@link
 * Spool} and is sent later with its own timestamps. Keys and metric names: {@code docs/metrics.md}.
 * Stateless and thread safe; each {@link #open} returns an independent sink.
 */
public final class GraphiteDestination implements MetricsDestination {
  private static final Set<String> KEYS = union(Set.of("host", "port", "prefix", "interval", "protocol",
      "packet_size", "buffer", "write_timeout", "connect_timeout"), Spools.KEYS);
  private static final int TCP_BATCH_BYTES = 16 * 1024;

  @Override
  public String name() {
    return "graphite";
  }

  @Override
  public MetricsSink open(Definition definition, DestinationContext context) throws InvalidDefinitionException {
    definition.requireOnly(KEYS);
    String host = DestinationSettings.host(definition, "127.0.0.1");
    int port = DestinationSettings.port(definition, 2003);
    String prefix = DestinationSettings.prefix(definition);
    Duration interval = definition.duration("interval", Duration.ofSeconds(10));
    if (interval.toMillis() % 1000 != 0 || interval.compareTo(Duration.ofHours(1)) > 0) {
      throw definition.error("interval", "is " + Definition.describe(definition.settings().get("interval"))
          + ", expected whole seconds from \"1s\" to \"60m\", such as \"10s\"");
    }
    String protocol = definition.string("protocol", "tcp");
    if (!protocol.equals("tcp") && !protocol.equals("udp")) {
      throw definition.error("protocol", "is " + Definition.describe(protocol) + ", expected \"tcp\" or \"udp\"");
    }
    int packetSize = DestinationSettings.packetSize(definition);
    int buffer = DestinationSettings.buffer(definition);
    Duration writeTimeout = DestinationSettings.writeTimeout(definition);
    int connectTimeoutMillis = DestinationSettings.connectTimeoutMillis(definition);
    // Over UDP a lost datagram goes unnoticed: nothing to spool.
    Spool spool = protocol.equals("tcp") ? Spools.open(definition, context) : null;

    Transport transport = protocol.equals("tcp")
        ? new TcpTransport(host, port, connectTimeoutMillis) : new UdpTransport(host, port);
    GraphitePipeline pipeline = new GraphitePipeline(transport, new GraphiteFormat(prefix, context.host()),
        new Aggregator(interval.toMillis()), protocol.equals("tcp") ? TCP_BATCH_BYTES : packetSize, spool);
    return BufferedSink.start("graphite:" + definition.path(), pipeline, buffer, writeTimeout, context.timeSource());
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }
}
