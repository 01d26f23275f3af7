package io.github.capacity.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cron job as cron runs it: the real distribution, real files, the real clock. */
class CronRunIT {
  @TempDir Path home;

  @Test
  void startedAtSecond45ItRunsWhatItOwesByTheMinutesEndThenExitsQuietly() throws Exception {
    Installed installed = new Installed(home);
    try (Target target = new Target()) {
      installed.tests(target.testsJson());
      installed.line("shop.conf", "shop.home|home|120|file");
      Installed.distribution();
      Installed.awaitSecondOfMinute(44, 46);
      long startMillis = System.currentTimeMillis();
      long minuteEndMillis = (startMillis / 60_000 + 1) * 60_000;

      Installed.Run run = installed.start("cron");
      run.waitFor(Duration.ofSeconds(40));

      // A run never outlives its minute by more than the drain time (2 s) and the flush.
      assertThat(System.currentTimeMillis()).isLessThan(minuteEndMillis + 5_000);
      assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
      assertThat(run.stdout()).isEmpty();
      assertThat(run.stderr()).isEmpty();
      // catch_up=spread at factor 2: the 120 planned over the minute, of which the ~15 s left at
      // twice the rate (4 a second, about 60) can run, less the JVM's start; the rest is skipped.
      double secondsLeft = (minuteEndMillis - startMillis) / 1000.0;
      long[] account = minuteAccount(installed.logDir);
      long planned = account[0];
      long started = account[1];
      long skipped = account[2];
      assertThat(planned).isEqualTo(120);
      assertThat(started).isBetween((long) ((secondsLeft - 2) * 4), (long) Math.ceil(secondsLeft * 4) + 1);
      assertThat(started + skipped).isEqualTo(planned);
      assertThat(target.requests.get()).isEqualTo((int) started);
    }
  }

  @Test
  void aStopFileThatExistsStopsTheRunBeforeAnyTraffic() throws Exception {
    Installed installed = new Installed(home);
    try (Target target = new Target()) {
      installed.tests(target.testsJson());
      installed.line("shop.conf", "shop.home|home|600|file");
      Files.writeString(installed.stopFile, "");

      Installed.Run run = installed.run(Duration.ofSeconds(20));

      assertThat(run.exitCode()).isEqualTo(ExitCode.STOPPED);
      assertThat(run.stdout()).isEmpty();
      assertThat(run.stderr()).isEmpty();
      assertThat(target.requests.get()).isZero();
    }
  }

  @Test
  void aStopFileThatAppearsStopsTheRunAtOnce() throws Exception {
    Installed installed = new Installed(home);
    try (Target target = new Target()) {
      installed.tests(target.testsJson());
      installed.line("shop.conf", "shop.home|home|600|file");
      Installed.distribution();
      Installed.awaitSecondOfMinute(0, 45);

      Installed.Run run = installed.start("cron");
      target.firstRequestNanos.get(20, TimeUnit.SECONDS);
      Files.writeString(installed.stopFile, "");
      long stopNanos = System.nanoTime();
      run.waitFor(Duration.ofSeconds(10));

      assertThat(Duration.ofNanos(System.nanoTime() - stopNanos)).isLessThan(Duration.ofSeconds(3));
      assertThat(run.exitCode()).isEqualTo(ExitCode.STOPPED);
      assertThat(run.stdout()).isEmpty();
      int afterStop = target.requests.get();
      assertThat(target.requests.get()).isEqualTo(afterStop);
    }
  }

  @Test
  void aSigtermStopsTheRunAndStillFlushesItsResults() throws Exception {
    Installed installed = new Installed(home);
    try (Target target = new Target()) {
      installed.tests(target.testsJson());
      installed.line("shop.conf", "shop.home|home|600|file");
      Installed.distribution();
      Installed.awaitSecondOfMinute(0, 45);

      Installed.Run run = installed.start("cron");
      target.firstRequestNanos.get(20, TimeUnit.SECONDS);
      run.process().destroy(); // SIGTERM
      long termNanos = System.nanoTime();
      run.waitFor(Duration.ofSeconds(10));

      assertThat(Duration.ofNanos(System.nanoTime() - termNanos)).isLessThan(Duration.ofSeconds(5));
      assertThat(run.stdout()).isEmpty();
      // The minute's account reached the results file: the run was stopped, not killed.
      assertThat(minuteAccount(installed.logDir)[1]).isPositive();
      assertThat(Files.readString(installed.logDir.resolve("capacity.log")))
          .contains("stopped by SIGTERM");
    }
  }

  @Test
  void aConfigFileCreatedWhileTheInstanceIdlesStartsItsTestAtOnce() throws Exception {
    Installed installed = new Installed(home);
    try (Target target = new Target()) {
      installed.tests(target.testsJson());
      Installed.distribution();
      Installed.awaitSecondOfMinute(0, 40);

      Installed.Run run = installed.start("cron");
      // The minute is claimed once settings, plugins and definitions are loaded: idling from then.
      Installed.await(Duration.ofSeconds(10), "the minute's claim",
          () -> run.process().isAlive() && hasMinuteClaim(installed.lockDir));
      long createdNanos = System.nanoTime();
      installed.line("late.conf", "late.home|home|600|file");
      long firstNanos = target.firstRequestNanos.get(5, TimeUnit.SECONDS);
      Files.writeString(installed.stopFile, "");
      run.waitFor(Duration.ofSeconds(10));

      assertThat(Duration.ofNanos(firstNanos - createdNanos)).isLessThan(Duration.ofMillis(1500));
      assertThat(run.exitCode()).isEqualTo(ExitCode.STOPPED);
      assertThat(run.stdout()).isEmpty();
      // Logged like a change or a removal.
      assertThat(Files.readString(installed.logDir.resolve("capacity.log"))).contains(
          installed.confD.resolve("late.conf") + ":1: test late.home added, starting it at 600 a minute");
    }
  }

  @Test
  void fiveStartsAgainstAHangingTargetLeaveOneRunAndNoMoreThanThreeSlots() throws Exception {
    Installed installed = new Installed(home);
    installed.settings("max.instances=3");
    List<Socket> accepted = new CopyOnWriteArrayList<>();
    try (ServerSocket hanging = new ServerSocket(0, 200, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            accepted.add(hanging.accept()); // and never answer
          }
        } catch (IOException closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      installed.tests("{\"home\": {\"type\": \"http\", \"url\": \"http://127.0.0.1:"
          + hanging.getLocalPort() + "/\", \"timeout\": \"50s\", \"read_timeout\": \"50s\"}}\n");
      installed.line("shop.conf", "shop.home|home|60|file");
      Installed.distribution();
      Installed.awaitSecondOfMinute(0, 40);

      // Five starts at once, as when cron fires while earlier runs still hang on the target.
      List<Installed.Run> runs = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        runs.add(installed.start("cron-" + i));
      }
      Installed.await(Duration.ofSeconds(15), "all but one start to give up",
          () -> runs.stream().filter(r -> r.process().isAlive()).count() <= 1);
      Installed.await(Duration.ofSeconds(10), "the hanging target to be called",
          () -> !accepted.isEmpty());
      Files.writeString(installed.stopFile, "");
      for (Installed.Run run : runs) {
        run.waitFor(Duration.ofSeconds(10));
      }

      // One instance ran the minute (and was stopped); the others found no slot or the minute
      // already claimed: no duplicate traffic.
      assertThat(runs.stream().filter(r -> r.exitCode() == ExitCode.STOPPED)).hasSize(1);
      for (Installed.Run run : runs) {
        assertThat(run.stdout()).isEmpty();
        assertThat(run.exitCode()).isIn(ExitCode.OK, ExitCode.STOPPED, ExitCode.NO_SLOT);
        if (run.exitCode() == ExitCode.NO_SLOT) {
          assertThat(run.stderr()).isEqualTo("capacity: 3 instances (max.instances) are already "
              + "running, locks in " + installed.lockDir + "; not starting\n");
        }
      }
    } finally {
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }

  private static boolean hasMinuteClaim(Path lockDir) {
    try (Stream<Path> files = Files.list(lockDir)) {
      return files.anyMatch(f -> f.getFileName().toString().equals("last-minute"));
    } catch (IOException e) {
      return false;
    }
  }

  /** {planned, started, skipped} from the file destination's minute line. */
  static long[] minuteAccount(Path logDir) throws IOException {
    Pattern minute = Pattern.compile("\"kind\":\"minute\".*\"planned\":(\\d+),\"started\":(\\d+).*\"skipped\":(\\d+)");
    try (Stream<Path> files = Files.list(logDir)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).toList()) {
        for (String line : Files.readAllLines(file)) {
          Matcher m = minute.matcher(line);
          if (m.find()) {
            return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
          }
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    throw new AssertionError("no minute account in the results in " + logDir);
  }
}
