package io.github.capacity.core.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Processes racing for one minute: exactly one wins. */
final class MinuteClaimProcessTest {
  static final long MINUTE = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

  @TempDir Path dir;
  final ChildJvms children = new ChildJvms();

  @AfterEach
  void killChildren() throws InterruptedException {
    children.destroyAll();
  }

  @Test
  void processesRacingForTheSameMinuteHaveExactlyOneWinner() throws Exception {
    Path lockDir = dir.resolve("lock");
    List<Process> racers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      racers.add(children.start("claim", lockDir.toString(), Long.toString(MINUTE)));
    }
    for (Process racer : racers) {
      assertThat(children.readLine(racer)).isEqualTo("READY");
    }
    for (Process racer : racers) {
      children.writeLine(racer, "GO");
    }
    List<String> results = new ArrayList<>();
    for (Process racer : racers) {
      results.add(children.readLine(racer));
    }

    assertThat(results).containsExactlyInAnyOrder(
        "CLAIMED", "NOT_CLAIMED", "NOT_CLAIMED", "NOT_CLAIMED");
    assertThat(new MinuteClaim(lockDir).tryClaim(MINUTE + 60_000)).isTrue();
  }

  @Test
  void aHolderThatNeverLetsScheduleLockGoDoesNotBlockLaterMinutes() throws Exception {
    Path lockDir = dir.resolve("lock");
    java.nio.file.Files.createDirectories(lockDir);
    Process holder = children.start("hold-schedule", lockDir.toString());
    assertThat(children.readLine(holder)).isEqualTo("HELD");
    MinuteClaim claim = new MinuteClaim(lockDir, java.time.Duration.ofMillis(200),
        io.github.capacity.api.TimeSource.system());

    // Three bounded waits of 0.2 s; the bound only keeps a regression from hanging the build.
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () -> {
      assertThat(claim.tryClaim(MINUTE)).isTrue();
      assertThat(claim.tryClaim(MINUTE)).as("the same minute again").isFalse();
      assertThat(claim.tryClaim(MINUTE + 60_000)).isTrue();
    });
  }
}
