package io.github.capacity.core.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The limiter across real processes: the kernel's locks, freed when a holder is killed -9. */
final class InstanceLimiterProcessTest {
  @TempDir Path dir;
  final ChildJvms children = new ChildJvms();

  @AfterEach
  void killChildren() throws InterruptedException {
    children.destroyAll();
  }

  @Test
  void fiveProcessesShareThreeSlotsAndAKilledHoldersSlotIsFreed() throws Exception {
    Path lockDir = dir.resolve("lock");
    List<Process> started = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      started.add(children.start("slot", lockDir.toString(), "3"));
    }
    Map<String, Process> holders = new HashMap<>();
    List<String> lines = new ArrayList<>();
    for (Process process : started) {
      String line = children.readLine(process);
      lines.add(line);
      holders.put(line, process);
    }

    assertThat(lines).containsExactlyInAnyOrder("SLOT 0", "SLOT 1", "SLOT 2", "NO_SLOT", "NO_SLOT");
    Process holderOfSlot1 = holders.get("SLOT 1");
    assertThat(Files.readString(lockDir.resolve("slot-1.lock")))
        .startsWith("pid=" + holderOfSlot1.pid() + "\nstarted=");

    children.kill(holderOfSlot1);
    Process newcomer = children.start("slot", lockDir.toString(), "3");

    assertThat(children.readLine(newcomer)).isEqualTo("SLOT 1");
    assertThat(Files.readString(lockDir.resolve("slot-1.lock")))
        .startsWith("pid=" + newcomer.pid() + "\n");
  }

  @Test
  void aRefusedAttemptInTheHoldersJvmDoesNotLeakTheSlotToAnotherProcess() throws Exception {
    Path lockDir = dir.resolve("lock");
    InstanceLimiter.Slot slot = new InstanceLimiter(lockDir, 1).tryAcquire().orElseThrow();
    try {
      assertThat(new InstanceLimiter(lockDir, 1).tryAcquire()).isEmpty();

      Process other = children.start("slot", lockDir.toString(), "1");

      assertThat(children.readLine(other)).isEqualTo("NO_SLOT");
    } finally {
      slot.close();
    }
  }
}
