package io.github.capacity.core.limit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure at most one instance on a host schedules tests in a given minute, so a second cron
 * start in the same minute (a slow previous run still draining, a manual start) sends no duplicate
 * traffic.
 *
 * <p>How: under an exclusive lock on {@code schedule.lock} in {@code lock.dir} (held only for a
 * read and a write), the file {@code last-minute} holds the last claimed minute; a claim succeeds
 * when its minute is later, and then replaces that file atomically (write aside, rename over). A
 * minute earlier than the last claimed one (the clock was stepped back) is refused: a skipped
 * minute is safer than a doubled one.
 *
 * <p>Thread safe, and safe across processes.
 */
public final class MinuteClaim {
  private static final Logger log = LoggerFactory.getLogger(MinuteClaim.class);
  private static final long MINUTE_MILLIS = 60_000;

  private final Path lockDir;
  private final Path lockFile;
  private final Path recordFile;

  /** @param lockDir the folder of {@code schedule.lock} and {@code last-minute}, created if missing */
  public MinuteClaim(Path lockDir) {
    this.lockDir = Objects.requireNonNull(lockDir, "lockDir");
    this.lockFile = lockDir.resolve("schedule.lock");
    this.recordFile = lockDir.resolve("last-minute");
  }

  /**
   * Claims the minute that contains {@code minuteEpochMillis} (any instant in it; normally its
   * first millisecond).
   *
   * @return true for the first claimant of that minute on this host, false for every later one
   * @throws IOException when {@code lock.dir} or its files cannot be created, read or written
   */
  public boolean tryClaim(long minuteEpochMillis) throws IOException {
    long minute = Math.floorDiv(minuteEpochMillis, MINUTE_MILLIS) * MINUTE_MILLIS;
    LockFiles.createLockDir(lockDir);
    synchronized (LockFiles.monitor(lockFile)) {
      try (FileChannel channel = FileChannel.open(lockFile,
          StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        // Closing the channel releases the lock; other processes wait only for a read and a write.
        channel.lock();
        long last = readLastMinute();
        if (minute <= last) {
          return false;
        }
        writeLastMinute(minute);
        return true;
      }
    }
  }

  /** The last claimed minute, or {@code Long.MIN_VALUE} when none (or the record is unreadable). */
  private long readLastMinute() throws IOException {
    String text;
    try {
      text = Files.readString(recordFile, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      return Long.MIN_VALUE;
    }
    String first = text.isEmpty() ? "" : text.split("\\s+", 2)[0];
    try {
      return Long.parseLong(first);
    } catch (NumberFormatException e) {
      log.warn("{}: \"{}\" is not a minute in epoch millis, expected for example"
          + " \"1767225600000 2026-01-01T00:00:00Z\"; overwriting it", recordFile, text);
      return Long.MIN_VALUE;
    }
  }

  private void writeLastMinute(long minute) throws IOException {
    Path aside = lockDir.resolve("last-minute." + ProcessHandle.current().pid() + ".tmp");
    String text = minute + " " + UtcText.of(minute) + "\n";
    Files.writeString(aside, text, StandardCharsets.UTF_8);
    try {
      Files.move(aside, recordFile, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(aside, recordFile, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
