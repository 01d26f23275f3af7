package io.github.capacity.runner;

import io.github.capacity.api.TimeSource;
import io.github.capacity.core.CapacityEngine;
import io.github.capacity.core.config.DefinitionsFile;
import io.github.capacity.core.config.FileConfigSource;
import io.github.capacity.core.config.Settings;

/** Builds the core's engine from the settings, the plugins found and the definitions files. */
final class EngineWiring {
  private EngineWiring() {}

  static CapacityEngine.Builder builder(Settings settings, String version, TimeSource time,
      Plugins plugins, DefinitionsFile tests, DefinitionsFile destinations) {
    return CapacityEngine.builder()
        .version(version)
        .timeSource(time)
        .testTypes(plugins.testTypes().values())
        .destinationTypes(plugins.destinations().values())
        .tests(tests.definitions(), tests::lineOf)
        .destinations(destinations.definitions(), destinations::lineOf)
        .configSource(new FileConfigSource(settings.configPath(), settings.fleet()))
        .settings(settings);
  }
}
