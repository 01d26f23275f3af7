package io.github.capacity.core.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One claimant per minute, within one JVM. */
final class MinuteClaimTest {
  static final long MINUTE = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

  @TempDir Path dir;

  @Test
  void theSameMinuteIsClaimedOnceAndTheNextMinuteAgain() throws Exception {
    MinuteClaim claim = new MinuteClaim(dir);

    assertThat(claim.tryClaim(MINUTE)).isTrue();
    assertThat(claim.tryClaim(MINUTE)).isFalse();
    assertThat(new MinuteClaim(dir).tryClaim(MINUTE)).isFalse();
    assertThat(claim.tryClaim(MINUTE + 60_000)).isTrue();
    assertThat(Files.readString(dir.resolve("last-minute")))
        .isEqualTo((MINUTE + 60_000) + " 2026-01-01T00:01:00Z\n");
  }

  @Test
  void anyInstantInAClaimedMinuteIsTheSameMinute() throws Exception {
    MinuteClaim claim = new MinuteClaim(dir);

    assertThat(claim.tryClaim(MINUTE + 1_234)).isTrue();
    assertThat(claim.tryClaim(MINUTE + 59_999)).isFalse();
    assertThat(claim.tryClaim(MINUTE + 60_000)).isTrue();
  }

  @Test
  void anEarlierMinuteThanTheLastClaimedIsRefused() throws Exception {
    MinuteClaim claim = new MinuteClaim(dir);

    assertThat(claim.tryClaim(MINUTE)).isTrue();
    assertThat(claim.tryClaim(MINUTE - 60_000)).isFalse();
  }

  @Test
  void anUnreadableRecordIsReplaced() throws Exception {
    Files.writeString(dir.resolve("last-minute"), "garbage");
    MinuteClaim claim = new MinuteClaim(dir);

    assertThat(claim.tryClaim(MINUTE)).isTrue();
    assertThat(claim.tryClaim(MINUTE)).isFalse();
  }

  @Test
  void createsAMissingLockDir() throws Exception {
    Path lockDir = dir.resolve("var/lock/capacity");

    assertThat(new MinuteClaim(lockDir).tryClaim(MINUTE)).isTrue();
    assertThat(lockDir.resolve("schedule.lock")).exists();
  }

  @Test
  void threadsRacingForTheSameMinuteHaveExactlyOneWinner() throws Exception {
    int racers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        MinuteClaim claim = new MinuteClaim(dir);
        results.add(pool.submit(() -> {
          go.await();
          return claim.tryClaim(MINUTE);
        }));
      }
      go.countDown();
      int winners = 0;
      for (Future<Boolean> result : results) {
        winners += result.get(10, TimeUnit.SECONDS) ? 1 : 0;
      }

      assertThat(winners).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void linksPlantedInTheLockDirAreNeverFollowed() throws Exception {
    Path victim = Files.writeString(dir.resolve("victim"), "precious\n");
    Path lockDir = Files.createDirectory(dir.resolve("lock"));
    Files.createSymbolicLink(lockDir.resolve("schedule.lock"), victim);

    assertThatThrownBy(() -> new MinuteClaim(lockDir).tryClaim(MINUTE))
        .isInstanceOf(IOException.class)
        .hasMessage(lockDir.resolve("schedule.lock") + ": is a symbolic link, expected a regular"
            + " file (remove it; capacity never follows links in lock.dir)");
    assertThat(Files.readString(victim)).isEqualTo("precious\n");
  }
}
