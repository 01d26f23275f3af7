package io.github.capacity.kit;

import io.github.capacity.api.Definition;
import io.github.capacity.api.MetricsDestination;
import io.github.capacity.api.TestType;
import io.github.capacity.api.testing.MetricsDestinationContract;
import io.github.capacity.api.testing.TestTypeContract;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * The kit's contracts applied to each broken plugin, as their authors would. Not run by the build
 * directly (their names do not end in {@code Test}): {@link KitCatchesBrokenPluginsTest} runs them
 * and expects them to fail.
 */
final class UnderContract {
  private UnderContract() {}

  abstract static class TypeUnderContract extends TestTypeContract {
    @Override
    protected Definition succeedingDefinition() {
      return new Definition("tests.json", "ok", testType().name(), Map.of());
    }

    @Override
    protected Definition hangingDefinition() {
      return new Definition("tests.json", "hang", testType().name(), Map.of("hang", true));
    }

    @Override
    protected Definition invalidDefinition() {
      return new Definition("tests.json", "bad", testType().name(), Map.of("hang", "maybe"));
    }
  }

  static final class BlockingStart extends TypeUnderContract {
    @Override
    protected TestType testType() {
      return new BrokenPlugins.BlockingStartType();
    }
  }

  static final class DoubleOutcome extends TypeUnderContract {
    @Override
    protected TestType testType() {
      return new BrokenPlugins.DoubleOutcomeType();
    }
  }

  static final class LeakyThread extends TypeUnderContract {
    @Override
    protected TestType testType() {
      return new BrokenPlugins.LeakyThreadType();
    }
  }

  static final class BlockingOpen extends MetricsDestinationContract {
    @Override
    protected MetricsDestination destination() {
      return new BrokenPlugins.BlockingOpenDestination();
    }

    @Override
    protected Definition unreachableDefinition(InetSocketAddress silent) {
      return new Definition("destinations.json", "b", "blocking-open",
          Map.of("host", silent.getHostString(), "port", silent.getPort()));
    }

    @Override
    protected Definition invalidDefinition() {
      return new Definition("destinations.json", "b", "blocking-open", Map.of("port", 0));
    }
  }
}
