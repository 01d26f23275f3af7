package io.github.capacity.metrics.graphite;

import io.github.capacity.api.Definition;
import io.github.capacity.api.MetricsDestination;
import io.github.capacity.api.testing.MetricsDestinationContract;
import java.net.InetSocketAddress;
import java.util.Map;

class GraphiteDestinationContractTest extends MetricsDestinationContract {
  @Override
  protected MetricsDestination destination() {
    return new GraphiteDestination();
  }

  @Override
  protected Definition unreachableDefinition(InetSocketAddress silent) {
    return new Definition("destinations.json", "g", "graphite",
        Map.of("host", silent.getHostString(), "port", silent.getPort(), "interval", "1s"));
  }

  @Override
  protected Definition invalidDefinition() {
    return new Definition("destinations.json", "g", "graphite", Map.of("interval", "1500ms"));
  }
}
