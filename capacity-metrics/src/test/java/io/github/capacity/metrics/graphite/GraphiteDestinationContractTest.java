package io.github.capacity.metrics.graphite;

import io.github.capacity.api.Definition;
import io.github.capacity.api.MetricsDestination;
import io.github.capacity.api.testing.MetricsDestinationContract;
import java.net.ServerSocket;
import java.util.Map;

class GraphiteDestinationContractTest extends MetricsDestinationContract {
  @Override
  protected MetricsDestination destination() {
    return new GraphiteDestination();
  }

  @Override
  protected Definition unreachableDefinition() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    return new Definition("destinations.json", "g", "graphite", Map.of("port", closedPort, "interval", "1s"));
  }

  @Override
  protected Definition invalidDefinition() {
    return new Definition("destinations.json", "g", "graphite", Map.of("interval", "1500ms"));
  }
}
