package io.github.capacity.core.limit;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The main class of the child JVMs in the limiter tests.
 *
 * <ul>
 *   <li>{@code slot LOCK_DIR MAX}: takes a slot, prints {@code SLOT <n>} or {@code NO_SLOT}, then
 *       holds it until its stdin closes.
 *   <li>{@code claim LOCK_DIR MINUTE_MILLIS}: prints {@code READY}, waits for a line on stdin (so
 *       that several children claim at the same moment), claims the minute and prints {@code
 *       CLAIMED} or {@code NOT_CLAIMED}.
 *   <li>{@code hold-schedule LOCK_DIR}: locks {@code schedule.lock}, prints {@code HELD} and holds
 *       it until its stdin closes.
 * </ul>
 */
public final class LockChild {
  private LockChild() {}

  public static void main(String[] args) throws Exception {
    Path lockDir = Path.of(args[1]);
    BufferedReader stdin =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    switch (args[0]) {
      case "slot" -> {
        Optional<InstanceLimiter.Slot> slot =
            new InstanceLimiter(lockDir, Integer.parseInt(args[2])).tryAcquire();
        System.out.println(slot.map(s -> "SLOT " + s.index()).orElse("NO_SLOT"));
        System.out.flush();
        while (stdin.readLine() != null) {
          // Holds the slot until the parent closes our stdin (or kills us).
        }
        slot.ifPresent(InstanceLimiter.Slot::close);
      }
      case "claim" -> {
        MinuteClaim claim = new MinuteClaim(lockDir);
        System.out.println("READY");
        System.out.flush();
        stdin.readLine();
        System.out.println(claim.tryClaim(Long.parseLong(args[2])) ? "CLAIMED" : "NOT_CLAIMED");
        System.out.flush();
      }
      case "hold-schedule" -> {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(
            lockDir.resolve("schedule.lock"), java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.WRITE)) {
          channel.lock();
          System.out.println("HELD");
          System.out.flush();
          while (stdin.readLine() != null) {
            // Holds the lock, as a run stopped with SIGSTOP in the middle of its claim would.
          }
        }
      }
      default -> throw new IllegalArgumentException("unknown mode: " + args[0]);
    }
  }
}
