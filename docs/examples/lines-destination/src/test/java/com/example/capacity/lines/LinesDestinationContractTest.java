package com.example.capacity.lines;

import io.github.capacity.api.Definition;
import io.github.capacity.api.MetricsDestination;
import io.github.capacity.api.testing.MetricsDestinationContract;
import java.net.InetSocketAddress;
import java.util.Map;

/** The kit holds the destination to the rules of docs/plugins.md. */
class LinesDestinationContractTest extends MetricsDestinationContract {
  @Override
  protected MetricsDestination destination() {
    return new LinesDestination();
  }

  @Override
  protected Definition unreachableDefinition(InetSocketAddress silent) {
    return new Definition("destinations.json", "results", "lines",
        Map.of("host", silent.getHostString(), "port", silent.getPort()));
  }

  @Override
  protected Definition invalidDefinition() {
    return new Definition("destinations.json", "results", "lines", Map.of("port", 70_000));
  }
}
