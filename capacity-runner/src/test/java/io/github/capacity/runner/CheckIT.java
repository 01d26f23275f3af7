package io.github.capacity.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/capacity check} on folders an operator could write. */
class CheckIT {
  @TempDir Path home;

  @Test
  void aGoodFolderPrintsThePlanAndExitsZero() throws Exception {
    Installed installed = new Installed(home);
    installed.tests("{\"home\": {\"type\": \"http\", \"url\": \"http://127.0.0.1:9/\"}}\n");
    installed.line("shop.conf", "# the shop\nshop.home|home|60|file\nshop.again|home|1|file");

    Installed.Run run = installed.run(Duration.ofSeconds(30), "check");

    assertThat(run.stderr()).isEmpty();
    assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(run.stdout())
        .contains("plan: 2 tests")
        .containsPattern("shop\\.home +home \\(http\\) 60/min -> file")
        .containsPattern("shop\\.again +home \\(http\\) 1/min -> file")
        .endsWith("capacity check: ok\n");
  }

  @Test
  void destinationsOfEveryTypeAreCheckedWithoutASpuriousWarning() throws Exception {
    Installed installed = new Installed(home);
    Files.writeString(home.resolve("destinations.json"), "{"
        + "\"g\": {\"type\": \"graphite\", \"host\": \"127.0.0.1\", \"port\": 9},"
        + "\"s\": {\"type\": \"statsd\", \"host\": \"127.0.0.1\", \"port\": 9},"
        + "\"u\": {\"type\": \"udp\", \"host\": \"127.0.0.1\", \"port\": 9},"
        + "\"f\": {\"type\": \"file\"}}\n");

    Installed.Run run = installed.run(Duration.ofSeconds(30), "check");

    assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(run.stderr()).isEmpty(); // was: "did not stop within 2 ms" on a busy host
  }

  @Test
  void aFleetHostsCheckPrintsItsPlaceItsShareAndTheShapeWithTheRateNow() throws Exception {
    Installed installed = new Installed(home);
    installed.settings("fleet.size=5\nfleet.index=1");
    installed.tests("{\"home\": {\"type\": \"http\", \"url\": \"http://127.0.0.1:9/\"}}\n");
    installed.line("shop.conf", "shop.api|home|fleet:6001|file\n"
        + "shop.search|home|fleet:ramp(600,6000,30m)@2020-01-01T00:00:00Z|file");

    Installed.Run run = installed.run(Duration.ofSeconds(30), "check");

    assertThat(run.stderr()).isEmpty();
    assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(run.stdout())
        .contains("fleet: fleet.index 1 of fleet.size 5\n")
        .containsPattern("shop\\.api +home \\(http\\) fleet:6001 -> file")
        .contains("      this host: 1200/min of the fleet's 6001/min (fleet.index 1 of fleet.size 5)\n")
        .containsPattern("shop\\.search +home \\(http\\) fleet:ramp\\(600,6000,30m\\)@2020-01-01T00:00:00Z -> file")
        .contains("      ramp: 600/min at 2020-01-01T00:00:00Z to 6000/min at 2020-01-01T00:30:00Z,"
            + " nothing before nor after\n")
        .containsPattern("      now \\([-0-9T:.]+Z\\): ended at 2020-01-01T00:30:00Z, nothing runs\n");
  }

  @Test
  void aFleetLineWithoutTheFleetSettingsIsRefused() throws Exception {
    Installed installed = new Installed(home);
    installed.tests("{\"home\": {\"type\": \"http\", \"url\": \"http://127.0.0.1:9/\"}}\n");
    installed.line("shop.conf", "shop.api|home|fleet:6000|file");

    Installed.Run run = installed.run(Duration.ofSeconds(30), "check");

    assertThat(run.exitCode()).isEqualTo(ExitCode.CONFIG_ERROR);
    assertThat(run.stderr()).contains("shop.conf:1: test_frequency \"fleet:6000\" is a fleet-wide rate but"
        + " fleet.size and fleet.index are not set in the settings");
  }

  @Test
  void aCheckLeavesNothingInTheTemporaryFolder() throws Exception {
    Installed installed = new Installed(home);
    installed.tests("{\"home\": {\"type\": \"http\", \"url\": \"http://127.0.0.1:9/\"}}\n");
    installed.line("shop.conf", "shop.home|home|60|file");
    Path tmp = Files.createDirectory(home.resolve("tmp"));

    Installed.Run run = installed.start("check",
        Map.of("CAPACITY_JAVA_OPTS", "-Djava.io.tmpdir=" + tmp), "check");
    run.waitFor(Duration.ofSeconds(30));

    assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void aFolderWithMistakesListsEachFileAndLineAndExitsOne() throws Exception {
    Installed installed = new Installed(home);
    installed.tests("{\n"
        + "  \"home\": {\"type\": \"http\", \"url\": \"ftp://127.0.0.1/\"},\n"
        + "  \"other\": {\"type\": \"carrier-pigeon\"}\n"
        + "}\n");
    installed.line("shop.conf", "shop.home|home|60|file\nbroken line\nshop.x|home|abc|file");
    installed.line("more.conf", "more.y|undefined|10|file");

    Installed.Run run = installed.run(Duration.ofSeconds(30), "check");

    assertThat(run.exitCode()).isEqualTo(ExitCode.CONFIG_ERROR);
    String conf = home.resolve("conf.d").toString();
    String tests = home.resolve("tests.json").toString();
    assertThat(run.stderr().lines())
        .anyMatch(l -> l.startsWith(tests + ":2: home.url: "))
        .anyMatch(l -> l.startsWith(tests + ":3: other.type: \"carrier-pigeon\" is not an installed test type"))
        .anyMatch(l -> l.startsWith(conf + "/shop.conf:2: "))
        .anyMatch(l -> l.startsWith(conf + "/shop.conf:3: test_frequency \"abc\""))
        .anyMatch(l -> l.startsWith(conf + "/more.conf:1: test_type \"undefined\" is not defined"))
        .contains("capacity check: 5 errors");
  }

  @Test
  void namedFilesAreCheckedInsteadOfTheConfiguredOnes() throws Exception {
    Installed installed = new Installed(home);
    installed.tests("{\"home\": {\"type\": \"http\", \"url\": \"http://127.0.0.1:9/\"}}\n");
    installed.line("good.conf", "shop.home|home|60|file");
    Path bad = home.resolve("candidate.conf");
    java.nio.file.Files.writeString(bad, "x|home|0|file\n");

    Installed.Run run = installed.run(Duration.ofSeconds(30), "check", bad.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.CONFIG_ERROR);
    assertThat(run.stderr()).startsWith(bad + ":1: ");
    assertThat(run.stdout()).contains("plan: 1 test"); // the installed good.conf, checked with it
  }

  @Test
  void aKindBeforeAFileSaysWhatItIsWhateverItsName() throws Exception {
    Installed installed = new Installed(home);
    Path candidate = home.resolve("tmp-20261125-1234");
    java.nio.file.Files.writeString(candidate, "{\n  \"home\": {\"type\": \"http\", \"url\": 5}\n}\n");

    Installed.Run run = installed.run(Duration.ofSeconds(30), "check", "--tests", candidate.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.CONFIG_ERROR);
    assertThat(run.stderr()).startsWith(candidate + ":2: home.url: ");
  }

  @Test
  void theAbortBlockIsValidatedAndShownAndTrippedTestsAreListed() throws Exception {
    Installed installed = new Installed(home);
    installed.tests("{\"home\": {\"type\": \"http\", \"url\": \"http://127.0.0.1:9/\",\n"
        + "  \"abort\": {\"when\": [\"error_rate > 5%\", \"p99 > 800ms\"], \"cooldown\": \"30m\"}}}\n");
    installed.line("shop.conf", "shop.home|home|60|file");
    Path trips = Files.createDirectories(home.resolve("trips"));
    Files.writeString(trips.resolve("shop.home.trip"), "{\"test_name\": \"shop.home\", \"host\": \"web-1\","
        + " \"condition\": \"error_rate > 5%\", \"figures\": \"error_rate 9.0%: 9 of 100 executions failed\","
        + " \"tripped_rate\": 1260, \"held_rate\": 1200, \"rate\": \"60\", \"test_type\": \"home\","
        + " \"line\": \"conf.d/shop.conf:1\", \"window_s\": 10, \"ran\": 100, \"failed\": 9, \"dropped\": 0,"
        + " \"tripped_epoch_ms\": 1767225600000, \"until_epoch_ms\": 4102444800000}\n");
    Files.writeString(trips.resolve("shop.cart.trip"), "{\"test_name\"");

    Installed.Run run = installed.run(Duration.ofSeconds(30), "check");

    assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(run.stdout())
        .contains("      abort: error_rate > 5% or p99 > 800ms over 10 s (at least 20 executions), cooldown 30m\n")
        .contains("tripped: 2 tests (remove a record to let its test run sooner)\n")
        .containsPattern("  shop\\.cart +stopped until its unreadable record is removed  \\(" + trips + "/shop.cart.trip\\)")
        .containsPattern("  shop\\.home +error_rate > 5%: error_rate 9\\.0%: 9 of 100 executions failed at 1260/min,"
            + " held at 1200/min, until 2100-01-01T00:00:00Z  \\(" + trips + "/shop.home.trip\\)");
    assertThat(run.stderr()).startsWith("warning: " + trips + "/shop.cart.trip cannot be read: ");

    installed.tests("{\"home\": {\"type\": \"http\", \"url\": \"http://127.0.0.1:9/\",\n"
        + "  \"abort\": {\"when\": \"p99 > fast\"}}}\n");
    run = installed.run(Duration.ofSeconds(30), "check");

    assertThat(run.exitCode()).isEqualTo(ExitCode.CONFIG_ERROR);
    assertThat(run.stderr()).contains(home.resolve("tests.json") + ":2: home.abort.when: p99 limit \"fast\" is"
        + " not a duration, expected one such as \"800ms\" or \"2s\"\n");
  }
}
