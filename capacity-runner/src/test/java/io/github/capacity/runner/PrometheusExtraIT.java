package io.github.capacity.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prometheus destination ships in {@code extras/prometheus}, outside {@code lib/}: a host that
 * does not use it loads none of it, and copying the folder into {@code plugins/} turns it on.
 */
class PrometheusExtraIT {
  @TempDir Path home;

  @Test
  void theDestinationIsThereOnlyOnceItsFolderIsInPlugins() throws Exception {
    Path extras = Installed.distribution().resolve("extras/prometheus");
    try (Stream<Path> lib = Files.list(Installed.distribution().resolve("lib"))) {
      assertThat(lib.map(path -> path.getFileName().toString()))
          .noneMatch(name -> name.contains("prometheus") || name.contains("protobuf") || name.contains("aircompressor"));
    }
    Installed installed = new Installed(home);
    installed.tests("{\"home\": {\"type\": \"http\", \"url\": \"http://127.0.0.1:9/\"}}\n");
    Files.writeString(home.resolve("destinations.json"),
        "{\"prom\": {\"type\": \"prometheus\", \"url\": \"http://127.0.0.1:9/api/v1/write\"}}\n");
    installed.line("shop.conf", "shop.home|home|60|prom");

    Installed.Run without = installed.run(Duration.ofSeconds(30), "check");
    assertThat(without.exitCode()).isEqualTo(ExitCode.CONFIG_ERROR);
    assertThat(without.stdout() + without.stderr()).contains("\"prometheus\" is not an installed destination");

    Path plugin = Files.createDirectories(installed.plugins.resolve("prometheus"));
    try (Stream<Path> jars = Files.list(extras)) {
      for (Path jar : jars.toList()) {
        Files.copy(jar, plugin.resolve(jar.getFileName()));
      }
    }
    Installed.Run with = installed.run(Duration.ofSeconds(30), "check");
    assertThat(with.stderr()).isEmpty();
    assertThat(with.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(with.stdout()).containsPattern("shop\\.home +home \\(http\\) 60/min -> prom");
  }
}
