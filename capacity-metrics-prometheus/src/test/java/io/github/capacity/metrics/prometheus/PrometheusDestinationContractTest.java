package io.github.capacity.metrics.prometheus;

import io.github.capacity.api.Definition;
import io.github.capacity.api.MetricsDestination;
import io.github.capacity.api.testing.MetricsDestinationContract;
import java.net.ServerSocket;
import java.util.Map;

class PrometheusDestinationContractTest extends MetricsDestinationContract {
  @Override
  protected MetricsDestination destination() {
    return new PrometheusDestination();
  }

  @Override
  protected Definition unreachableDefinition() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    return new Definition("destinations.json", "p", "prometheus",
        Map.of("url", "http://127.0.0.1:" + closedPort + "/api/v1/write", "interval", "1s"));
  }

  @Override
  protected Definition invalidDefinition() {
    return new Definition("destinations.json", "p", "prometheus", Map.of("url", "ftp://example/"));
  }
}
