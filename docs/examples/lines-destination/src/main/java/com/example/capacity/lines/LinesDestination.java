package com.example.capacity.lines;

import io.github.capacity.api.ApiVersion;
import io.github.capacity.api.Definition;
import io.github.capacity.api.DestinationContext;
import io.github.capacity.api.InvalidDefinitionException;
import io.github.capacity.api.MetricsDestination;
import io.github.capacity.api.MetricsSink;
import io.github.capacity.sink.BufferedSink;
import io.github.capacity.sink.TcpTransport;
import java.time.Duration;
import java.util.Set;

/**
 * A {@code lines} metrics destination: one text line per execution over TCP, such as {@code
 * shop.home ok 12.3} or {@code shop.home timeout 5000.0}. Everything that makes a destination
 * safe (the bounded buffer, the sender thread, reconnecting with back-off, counting what is
 * dropped, the deadlines of flush and close) comes from {@code capacity-sink}: this plugin writes
 * the encoding ({@link LinesPipeline}) and picks a transport.
 *
 * <p>{@code destinations.json}: {@code {"results": {"type": "lines", "host": "10.0.0.9", "port":
 * 7001}}}.
 */
public final class LinesDestination implements MetricsDestination {
  private static final Set<String> KEYS = Set.of("host", "port", "buffer");

  @Override
  public String name() {
    return "lines";
  }

  @Override
  public String apiVersion() {
    return ApiVersion.CURRENT; // the compiler records the API this plugin is built against
  }

  @Override
  public MetricsSink open(Definition definition, DestinationContext context)
      throws InvalidDefinitionException {
    definition.requireOnly(KEYS);
    String host = definition.string("host", "127.0.0.1");
    int port = (int) definition.integer("port", 7001, 1, 65_535);
    int buffer = (int) definition.integer("buffer", 10_000, 1, 1_000_000);
    // Opening does no I/O: the transport connects on the sender thread, when there is something
    // to send, and a server that is down never delays the tests.
    TcpTransport transport = new TcpTransport(host, port, 1_000);
    return BufferedSink.start("lines:" + definition.path(), new LinesPipeline(transport), buffer,
        Duration.ofSeconds(2), context.timeSource());
  }
}
