package io.github.capacity.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/capacity}'s class-data archive through its life, with the real distribution: the
 * first cron run records it, later runs map it, a Java that cannot use it (after an update in
 * place) runs without it and marks it stale, and the next cron run records it again.
 */
class ClassDataSharingIT {
  @TempDir Path home;
  @TempDir Path cds;

  @Test
  void anArchiveTheJavaRejectsIsMarkedStaleByTheCronJobAndRecordedAgainByTheNext() throws Exception {
    Installed installed = new Installed(home);
    Map<String, String> environment = Map.of("CAPACITY_CDS_DIR", cds.toString());
    try (Target target = new Target()) {
      installed.tests(target.testsJson());
      installed.line("shop.conf", "shop.home|home|600|file");
      Installed.distribution();

      // The first cron run records the archive (the stop file ends this one at once).
      Files.writeString(installed.stopFile, "");
      Installed.Run recording = installed.start("recording", environment);
      recording.waitFor(Duration.ofSeconds(60));
      assertThat(recording.exitCode()).isEqualTo(ExitCode.STOPPED);
      Path archive = only(cds, ".jsa");
      Path launch = only(cds, ".launch");
      assertThat(Files.size(archive)).isGreaterThan(1_000_000);
      assertThat(Files.readString(launch, StandardCharsets.UTF_8)).contains("cds_archive='" + archive + "'");

      // A Java that cannot map the archive: the run goes on without it, quietly, and marks it.
      Files.delete(archive);
      Files.writeString(archive, "not an archive of this Java");
      Files.delete(installed.stopFile);
      Installed.awaitSecondOfMinute(0, 45);
      Installed.Run rejecting = installed.start("rejecting", environment);
      target.firstRequestNanos.get(30, TimeUnit.SECONDS);
      Path stale = Path.of(archive + ".stale");
      assertThat(stale).exists();
      Files.writeString(installed.stopFile, "");
      rejecting.waitFor(Duration.ofSeconds(10));
      assertThat(rejecting.exitCode()).isEqualTo(ExitCode.STOPPED);
      assertThat(rejecting.stdout()).isEmpty();
      assertThat(rejecting.stderr()).isEmpty();

      // The next cron run records a new archive and clears the mark.
      Installed.Run rerecording = installed.start("rerecording", environment);
      rerecording.waitFor(Duration.ofSeconds(60));
      assertThat(stale).doesNotExist();
      assertThat(Files.size(archive)).isGreaterThan(1_000_000);

      // Which the run after it maps: by the time it sends traffic it has checked, and not marked.
      // (This minute was claimed by the run above; forgetting the claim lets this one run too.)
      Files.delete(installed.stopFile);
      Files.deleteIfExists(installed.lockDir.resolve("last-minute"));
      try (Stream<Path> claims = Files.list(installed.lockDir)) {
        for (Path claim : claims.filter(f -> f.toString().endsWith(".claim")).toList()) {
          Files.delete(claim);
        }
      }
      Installed.awaitSecondOfMinute(0, 45);
      int before = target.requests.get();
      Installed.Run mapping = installed.start("mapping", environment);
      Installed.await(Duration.ofSeconds(30), "traffic of the run that maps the archive",
          () -> target.requests.get() > before);
      assertThat(stale).doesNotExist();
      Files.writeString(installed.stopFile, "");
      mapping.waitFor(Duration.ofSeconds(10));
      assertThat(mapping.stderr()).isEmpty();
    }
  }

  private static Path only(Path folder, String suffix) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> found = files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
      assertThat(found).as("files *%s in %s", suffix, folder).hasSize(1);
      return found.get(0);
    }
  }

  @Test
  void aLaunchFileIsReadNotRunAsShellCode() throws Exception {
    Installed installed = new Installed(home);
    Path marker = home.resolve("pwned");
    Installed.distribution();
    String version = Installation.version();
    Files.writeString(cds.resolve("capacity-" + version + ".launch"),
        "cds_java='/no/java'\ntouch " + marker + "\ncds_archive='$(touch " + marker + ")'\n");

    Installed.Run run = installed.start("version", Map.of("CAPACITY_CDS_DIR", cds.toString()), "--version");
    run.waitFor(Duration.ofSeconds(60));

    assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(marker).as("a line of the launch file run as a command").doesNotExist();
  }
}
