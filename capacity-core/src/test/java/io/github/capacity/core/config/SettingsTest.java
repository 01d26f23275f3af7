package io.github.capacity.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import io.github.capacity.core.pacing.CatchUp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
  @TempDir Path dir;
  private final Path installDir = Path.of("/opt/capacity");

  @Test
  void defaultsAreTheDocumentedOnes() {
    Settings defaults = Settings.defaults(installDir);

    assertThat(defaults.source()).isNull();
    assertThat(values(defaults)).containsExactly(
        Path.of("/etc/capacity/conf.d"), Path.of("/etc/capacity/stop"),
        Path.of("/etc/capacity/tests.json"), Path.of("/etc/capacity/destinations.json"),
        Path.of("/var/lock/capacity"), Path.of("/var/lib/capacity/trips"), 3, Path.of("/opt/capacity/plugins"),
        Path.of("/var/log/capacity"), CatchUp.SPREAD, 2.0, 128, Duration.ofSeconds(10), "file",
        false, Duration.ofSeconds(60), null, null, null, Path.of("/var/spool/capacity"), 64L << 20);
    assertThat(defaults.fleet()).isNull();
    assertThat(defaults.spoolDir()).isEqualTo(Path.of("/var/spool/capacity"));
  }

  @Test
  void aFileSetsEveryKeyAndResolvesRelativePathsAgainstItsFolder() throws Exception {
    Path file = write("capacity.properties", String.join("\n",
        "# all keys",
        "config.path = conf.d",
        "stop.file=/run/capacity/stop",
        "tests.file = json/tests.json",
        "destinations.file = destinations.json",
        "lock.dir = /tmp/locks",
        "trips.dir = trips",
        "max.instances = 5",
        "plugins.dir = /usr/share/capacity/plugins",
        "log.dir = logs",
        "catch_up = SKIP",
        "catch_up.max_factor = 1.5",
        "max_in_flight = 1",
        "drain.timeout = 500ms",
        "default.destination = graphite",
        "! a properties-style comment",
        "metrics.required = true",
        "metrics.required.after = 2m",
        "host = web01.dc1",
        "fleet.size = 5",
        "fleet.index = 4",
        "spool.dir = spool",
        "spool.max_size = 2gb"));

    Settings settings = Settings.load(file, installDir);

    assertThat(settings.source()).isEqualTo(file);
    assertThat(values(settings)).containsExactly(dir.resolve("conf.d"),
        Path.of("/run/capacity/stop"), dir.resolve("json/tests.json"),
        dir.resolve("destinations.json"), Path.of("/tmp/locks"), dir.resolve("trips"), 5,
        Path.of("/usr/share/capacity/plugins"), dir.resolve("logs"), CatchUp.SKIP, 1.5, 1,
        Duration.ofMillis(500), "graphite", true, Duration.ofMinutes(2), "web01.dc1", 5, 4,
        dir.resolve("spool"), 2L << 30);
    assertThat(settings.spoolDir()).isEqualTo(dir.resolve("spool"));
    assertThat(settings.spoolMaxBytes()).isEqualTo(2L << 30);
    assertThat(settings.maxInstances()).isEqualTo(5);
    assertThat(settings.host()).isEqualTo("web01.dc1");
  }

  @Test
  void keysNotSetKeepTheirDefaultsAndAnEmptyHostMeansTheMachinesName() throws Exception {
    Path file = write("capacity.properties", "\uFEFFmax_in_flight = 64\r\nhost =\r\n");

    Settings settings = Settings.load(file, installDir);

    Settings defaults = Settings.defaults(installDir);
    assertThat(settings.maxInFlight()).isEqualTo(64);
    assertThat(settings.host()).isNull();
    assertThat(settings.configPath()).isEqualTo(defaults.configPath());
    assertThat(settings.source()).isEqualTo(file);
  }

  @Test
  void everyBadLineIsReportedInOneException() throws IOException {
    Path file = write("capacity.properties", String.join("\n",
        "max_in_flight = lots",
        "catch_up = spread",
        "catchup = skip",
        "drain.timeout = 10",
        "config.path ="));

    ConfigException e = catchThrowableOfType(ConfigException.class, () -> Settings.load(file, installDir));

    assertThat(e).hasMessage(String.join("\n",
        file + ":1: max_in_flight \"lots\" is not a whole number, expected a whole number from 1 to 100000",
        file + ":3: unknown key \"catchup\", expected catch_up (did you mean it?)",
        file + ":4: drain.timeout \"10\" is not a duration, expected a duration such as 10s, 500ms or 1m,"
            + " from 0s to 50s",
        file + ":5: config.path is empty, expected a path"));
    assertThat(e.errors()).extracting(ConfigError::line).containsExactly(1, 3, 4, 5);
  }

  @Test
  void spoolSizesHaveAUnitOrAreBytesAndStayInRange() throws Exception {
    Map<String, String> errors = new LinkedHashMap<>();
    for (String size : List.of("lots", "200GB", "12")) {
      Path file = write("spool.properties", "spool.max_size = " + size);
      ConfigException e = catchThrowableOfType(ConfigException.class, () -> Settings.load(file, installDir));
      errors.put(size, e.getMessage().substring(file.toString().length()));
    }

    assertThat(errors).containsExactly(
        entry("lots", ":1: spool.max_size \"lots\" is not a size, expected a size such as 64MB, 512KB or 2GB"
            + " (or bytes), or 0"),
        entry("200GB", ":1: spool.max_size 200GB is out of range, expected 0 or from 1KB to 100GB"),
        entry("12", ":1: spool.max_size 12 is out of range, expected 0 or from 1KB to 100GB"));
    assertThat(Settings.load(write("off.properties", "spool.max_size = 0"), installDir).spoolMaxBytes()).isZero();
  }

  @Test
  void closestKeyIsSuggestedOnlyWhenObvious() {
    assertThat(SettingsKeys.closest("MAX_INSTANCES", SettingsTable.keys())).isEqualTo("max.instances");
    assertThat(SettingsKeys.closest("drain.timout", SettingsTable.keys())).isEqualTo("drain.timeout");
    assertThat(SettingsKeys.closest("lock.dirs", SettingsTable.keys())).isEqualTo("lock.dir");
    assertThat(SettingsKeys.closest("colour", SettingsTable.keys())).isNull();
    assertThat(SettingsKeys.closest("x", SettingsTable.keys())).isNull();
  }

  @Test
  void boundariesOfTheRangesAreAccepted() throws Exception {
    Settings settings = SettingsParser.parse("capacity.properties", String.join("\n",
        "catch_up.max_factor = 10", "max_in_flight = 100000", "drain.timeout = 50s",
        "max.instances = 1"), dir, installDir);

    assertThat(settings.catchUpMaxFactor()).isEqualTo(10.0);
    assertThat(settings.maxInFlight()).isEqualTo(100_000);
    assertThat(settings.drainTimeout()).isEqualTo(Duration.ofSeconds(50));
    assertThat(settings.maxInstances()).isEqualTo(1);
  }

  @Test
  void backslashesAreKeptAsWritten() throws Exception {
    Settings settings = SettingsParser.parse("capacity.properties",
        "default.destination = file\nlog.dir = logs\\capacity", dir, installDir);

    assertThat(settings.logDir()).isEqualTo(dir.resolve("logs\\capacity"));
  }

  @Test
  void aMissingFileIsAnError() {
    Path file = dir.resolve("nope.properties");

    assertThatThrownBy(() -> Settings.load(file, installDir))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ": does not exist, expected a capacity.properties file");
  }

  @Test
  void locateTakesThePropertyThenTheVariableThenTheDefaultFile() throws Exception {
    Path fromProperty = write("a.properties", "");
    Path fromVariable = write("b.properties", "");
    Path defaultFile = write("capacity.properties", "");
    Map<String, String> environment = Map.of("CAPACITY_SETTINGS", fromVariable.toString());

    assertThat(Settings.locate(fromProperty.toString(), environment, defaultFile)).isEqualTo(fromProperty);
    assertThat(Settings.locate(null, environment, defaultFile)).isEqualTo(fromVariable);
    assertThat(Settings.locate("  ", environment, defaultFile)).isEqualTo(fromVariable);
    assertThat(Settings.locate(null, Map.of(), defaultFile)).isEqualTo(defaultFile);
    assertThat(Settings.locate(null, Map.of(), dir.resolve("absent.properties"))).isNull();
  }

  @Test
  void aNamedFileThatDoesNotExistIsAnErrorNotAFallback() throws IOException {
    Path defaultFile = write("capacity.properties", "");
    String missing = dir.resolve("missing.properties").toString();

    assertThatThrownBy(() -> Settings.locate(missing, Map.of(), defaultFile))
        .isInstanceOf(ConfigException.class)
        .hasMessage(missing + ": does not exist (named by system property capacity.settings),"
            + " expected a capacity.properties file");
    assertThatThrownBy(() -> Settings.locate(null, Map.of("CAPACITY_SETTINGS", missing), defaultFile))
        .isInstanceOf(ConfigException.class)
        .hasMessage(missing + ": does not exist (named by environment variable CAPACITY_SETTINGS),"
            + " expected a capacity.properties file");
  }

  @Test
  void fromEnvironmentUsesTheSystemProperty() throws Exception {
    Path file = write("capacity.properties", "max.instances = 7\n");
    String previous = System.getProperty(Settings.PROPERTY);
    System.setProperty(Settings.PROPERTY, file.toString());
    try {
      assertThat(Settings.fromEnvironment(installDir).maxInstances()).isEqualTo(7);
    } finally {
      if (previous == null) {
        System.clearProperty(Settings.PROPERTY);
      } else {
        System.setProperty(Settings.PROPERTY, previous);
      }
    }
  }

  @Test
  void configExceptionNeedsAtLeastOneError() {
    assertThatThrownBy(() -> new ConfigException(java.util.List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("errors is empty");
  }

  @Test
  void durationsTakeHoursAsTheDocsPromise() throws Exception {
    Settings settings = SettingsParser.parse("capacity.properties", "metrics.required.after = 24h",
        dir, installDir);

    assertThat(settings.metricsRequiredAfter()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void aKeyOutsideTheTableIsRefusedByGet() {
    Setting<Integer> stray = new Setting<>("stray", d -> 1, "`1`", "one", Setting.wholeNumber(1, 1));

    assertThatThrownBy(() -> Settings.defaults(installDir).get(stray))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a key of SettingsTable: stray");
  }

  /** Every value in the order of the table, so a new key shows up here as a failing test. */
  private static java.util.List<Object> values(Settings settings) {
    java.util.List<Object> values = new java.util.ArrayList<>();
    SettingsTable.ALL.forEach(setting -> values.add(settings.get(setting)));
    return values;
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
