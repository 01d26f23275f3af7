package io.github.capacity.metrics.udp;

import io.github.capacity.api.Definition;
import io.github.capacity.api.MetricsDestination;
import io.github.capacity.api.testing.MetricsDestinationContract;
import java.net.InetSocketAddress;
import java.util.Map;

class UdpDestinationContractTest extends MetricsDestinationContract {
  @Override
  protected MetricsDestination destination() {
    return new UdpDestination();
  }

  @Override
  protected Definition unreachableDefinition(InetSocketAddress silent) {
    // The silent endpoint's port number, on UDP: nobody reads it.
    return new Definition("destinations.json", "u", "udp",
        Map.of("host", silent.getHostString(), "port", silent.getPort()));
  }

  @Override
  protected Definition invalidDefinition() {
    return new Definition("destinations.json", "u", "udp", Map.of("port", 70_000));
  }
}
