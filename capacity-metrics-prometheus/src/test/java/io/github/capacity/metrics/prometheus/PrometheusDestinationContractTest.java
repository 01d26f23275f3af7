package io.github.capacity.metrics.prometheus;

import io.github.capacity.api.Definition;
import io.github.capacity.api.MetricsDestination;
import io.github.capacity.api.testing.MetricsDestinationContract;
import java.net.InetSocketAddress;
import java.util.Map;

class PrometheusDestinationContractTest extends MetricsDestinationContract {
  @Override
  protected MetricsDestination destination() {
    return new PrometheusDestination();
  }

  @Override
  protected Definition unreachableDefinition(InetSocketAddress silent) {
    return new Definition("destinations.json", "p", "prometheus", Map.of("url",
        "http://127.0.0.1:" + silent.getPort() + "/api/v1/write", "interval", "1s"));
  }

  @Override
  protected Definition invalidDefinition() {
    return new Definition("destinations.json", "p", "prometheus", Map.of("url", "ftp://example/"));
  }
}
