package io.github.capacity.metrics.statsd;

import io.github.capacity.api.Definition;
import io.github.capacity.api.MetricsDestination;
import io.github.capacity.api.testing.MetricsDestinationContract;
import java.net.InetSocketAddress;
import java.util.Map;

class StatsdDestinationContractTest extends MetricsDestinationContract {
  @Override
  protected MetricsDestination destination() {
    return new StatsdDestination();
  }

  @Override
  protected Definition unreachableDefinition(InetSocketAddress silent) {
    // The silent endpoint's port number, on UDP: nobody reads it.
    return new Definition("destinations.json", "s", "statsd",
        Map.of("host", silent.getHostString(), "port", silent.getPort()));
  }

  @Override
  protected Definition invalidDefinition() {
    return new Definition("destinations.json", "s", "statsd", Map.of("packet_size", 10));
  }
}
