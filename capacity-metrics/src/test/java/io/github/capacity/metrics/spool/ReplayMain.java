package io.github.capacity.metrics.spool;

import io.github.capacity.api.TimeSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Replays a spool folder at a slow pace, printing each record sent as a line, until nothing is
 * left for it. The other process of {@link TwoProcessReplayTest}. Argument: the folder.
 */
public final class ReplayMain {
  private ReplayMain() {}

  public static void main(String[] args) throws Exception {
    StringBuilder sent = new StringBuilder();
    int idle = replay(Path.of(args[0]), payload -> sent.append(new String(payload, StandardCharsets.UTF_8).strip())
        .append('\n'));
    System.out.print(sent);
    System.out.flush();
    System.exit(idle >= 0 ? 0 : 1);
  }

  /** Replays {@code folder} at 1 KiB/s (three records a second) until a second passes with nothing to send. */
  static int replay(Path folder, Spool.Sender sender) throws Exception {
    Spool spool = new Spool(folder, 1 << 20, 1024, TimeSource.system());
    int idleRounds = 0;
    while (idleRounds < 20) {
      if (spool.replayDue()) {
        spool.replay(sender);
        idleRounds = 0;
      } else {
        idleRounds++;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    spool.close();
    return idleRounds;
  }
}
