package io.github.capacity.metrics.file;

import io.github.capacity.api.Definition;
import io.github.capacity.api.MetricsDestination;
import io.github.capacity.api.testing.MetricsDestinationContract;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.Map;

class FileDestinationContractTest extends MetricsDestinationContract {
  @Override
  protected MetricsDestination destination() {
    return new FileDestination();
  }

  @Override
  protected Definition unreachableDefinition(InetSocketAddress silent) throws Exception {
    Files.writeString(tempDir.resolve("not-a-folder"), "");
    return new Definition("destinations.json", "f", "file", Map.of("folder", "not-a-folder/metrics"));
  }

  @Override
  protected Definition invalidDefinition() {
    return new Definition("destinations.json", "f", "file", Map.of("folder", 3));
  }
}
