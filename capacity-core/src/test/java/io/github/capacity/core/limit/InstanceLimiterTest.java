package io.github.capacity.core.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.capacity.core.limit.InstanceLimiter.Slot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The limiter within one JVM, on real lock files. */
final class InstanceLimiterTest {
  @TempDir Path dir;
  final List<Slot> held = new ArrayList<>();

  @AfterEach
  void release() {
    held.forEach(Slot::close);
  }

  private Optional<Slot> acquire(InstanceLimiter limiter) throws IOException {
    Optional<Slot> slot = limiter.tryAcquire();
    slot.ifPresent(held::add);
    return slot;
  }

  @Test
  void takesTheLowestFreeSlotAndRefusesWhenAllAreHeld() throws Exception {
    InstanceLimiter limiter = new InstanceLimiter(dir, 3);

    assertThat(acquire(limiter)).map(Slot::index).contains(0);
    assertThat(acquire(limiter)).map(Slot::index).contains(1);
    assertThat(acquire(limiter)).map(Slot::index).contains(2);
    assertThat(acquire(limiter)).isEmpty();

    held.get(1).close();
    assertThat(acquire(limiter)).map(Slot::index).contains(1);
    assertThat(acquire(limiter)).isEmpty();
  }

  @Test
  void twoLimitersOnTheSameFolderShareItsSlots() throws Exception {
    Slot first = acquire(new InstanceLimiter(dir, 1)).orElseThrow();

    assertThat(acquire(new InstanceLimiter(dir, 1))).isEmpty();
    // A refused attempt must not have dropped the holder's lock (POSIX locks are per process).
    assertThat(acquire(new InstanceLimiter(dir, 1))).isEmpty();
    first.close();
    assertThat(acquire(new InstanceLimiter(dir, 1))).map(Slot::index).contains(0);
  }

  @Test
  void slotFileTellsOperatorsWhoHoldsItAndIsEmptiedOnClose() throws Exception {
    Slot slot = acquire(new InstanceLimiter(dir, 2)).orElseThrow();
    Path file = dir.resolve("slot-0.lock");

    assertThat(Files.readString(file))
        .startsWith("pid=" + ProcessHandle.current().pid() + "\nstarted=")
        .endsWith("\n");
    slot.close();
    slot.close();
    assertThat(Files.readString(file)).isEmpty();
  }

  @Test
  void createsAMissingLockDir() throws Exception {
    Path lockDir = dir.resolve("var/lock/capacity");

    assertThat(acquire(new InstanceLimiter(lockDir, 1))).isPresent();
    assertThat(lockDir.resolve("slot-0.lock")).exists();
  }

  @Test
  void aLockDirThatCannotBeCreatedIsAClearError() throws Exception {
    Path file = Files.writeString(dir.resolve("lock"), "");
    Path lockDir = file.resolve("capacity");

    assertThatThrownBy(() -> new InstanceLimiter(lockDir, 1).tryAcquire())
        .isInstanceOf(IOException.class)
        .hasMessage("lock.dir " + lockDir + ": " + file + " is not a folder, expected a folder"
            + " this user can write (set lock.dir in capacity.properties)");
  }

  @Test
  void maxInstancesBelowOneIsRefused() {
    assertThatThrownBy(() -> new InstanceLimiter(dir, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("max.instances must be >= 1: 0");
  }

  @Test
  void loweringMaxInstancesCountsTheSlotsOlderRunsHoldAboveIt() throws Exception {
    InstanceLimiter before = new InstanceLimiter(dir, 3);
    Slot first = acquire(before).orElseThrow();
    Slot second = acquire(before).orElseThrow();
    acquire(before).orElseThrow(); // slot 2, held by a run started while max.instances was 3
    first.close();
    second.close();

    assertThat(acquire(new InstanceLimiter(dir, 1))).as("max.instances=1, one run alive").isEmpty();
    assertThat(acquire(new InstanceLimiter(dir, 2))).map(Slot::index).contains(0);
    assertThat(acquire(new InstanceLimiter(dir, 2))).as("max.instances=2, two runs alive").isEmpty();
  }

  @Test
  void aSlotFilePlantedAsALinkIsRefusedAndItsTargetUntouched() throws Exception {
    Path victim = Files.writeString(dir.resolve("victim"), "precious\n");
    Path lockDir = Files.createDirectory(dir.resolve("lock"));
    Files.createSymbolicLink(lockDir.resolve("slot-0.lock"), victim);

    assertThatThrownBy(() -> new InstanceLimiter(lockDir, 1).tryAcquire())
        .isInstanceOf(IOException.class)
        .hasMessage(lockDir.resolve("slot-0.lock") + ": is a symbolic link, expected a regular file"
            + " (remove it; capacity never follows links in lock.dir)");
    assertThat(Files.readString(victim)).isEqualTo("precious\n");
  }
}
