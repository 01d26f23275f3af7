package io.github.capacity.metrics.statsd;

import io.github.capacity.api.Definition;
import io.github.capacity.api.MetricsDestination;
import io.github.capacity.api.testing.MetricsDestinationContract;
import java.net.DatagramSocket;
import java.util.Map;

class StatsdDestinationContractTest extends MetricsDestinationContract {
  @Override
  protected MetricsDestination destination() {
    return new StatsdDestination();
  }

  @Override
  protected Definition unreachableDefinition() throws Exception {
    int closedPort;
    try (DatagramSocket socket = new DatagramSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    return new Definition("destinations.json", "s", "statsd", Map.of("port", closedPort));
  }

  @Override
  protected Definition invalidDefinition() {
    return new Definition("destinations.json", "s", "statsd", Map.of("packet_size", 10));
  }
}
