package io.github.capacity.core.limit;

import io.github.capacity.api.TimeSource;
import io.github.capacity.core.config.RegularFile;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure at most one instance on a host schedules tests in a given minute, so a second cron
 * start in the same minute (a slow previous run still draining, a manual start) sends no duplicate
 * traffic.
 *
 * <p>How: a claim creates {@code minute-<millis>.claim} in {@code lock.dir} with {@code O_EXCL},
 * which exactly one process can do. Under an exclusive lock on {@code schedule.lock} (held only
 * for a read and a write, and waited for at most {@link #LOCK_WAIT}, so that a stopped holder
 * cannot block later minutes), the file {@code last-minute} holds the last claimed minute; a
 * claim succeeds when its minute is later, and then replaces that file atomically (write aside,
 * rename over). A minute earlier than the last claimed one (the clock was stepped back) is
 * refused: a skipped minute is safer than a doubled one. No file in {@code lock.dir} is opened
 * through a symbolic link.
 *
 * <p>Thread safe, and safe across processes.
 */
public final class MinuteClaim {
  private static final Logger log = LoggerFactory.getLogger(MinuteClaim.class);
  private static final long MINUTE_MILLIS = 60_000;
  /** How long a claim waits for {@code schedule.lock}; its holder needs a read and a write. */
  static final Duration LOCK_WAIT = Duration.ofSeconds(2);
  private static final long POLL_NANOS = 5_000_000L;
  /** Claim files older than this are removed; they only matter for the minute they name. */
  private static final long KEEP_CLAIMS_MILLIS = 10 * MINUTE_MILLIS;
  private static final String CLAIM_PREFIX = "minute-";
  private static final String CLAIM_SUFFIX = ".claim";

  private final Path lockDir;
  private final Path lockFile;
  private final Path recordFile;
  private final long lockWaitNanos;
  private final TimeSource time;

  /** @param lockDir the folder of {@code schedule.lock} and {@code last-minute}, created if missing */
  public MinuteClaim(Path lockDir) {
    this(lockDir, LOCK_WAIT, TimeSource.system());
  }

  MinuteClaim(Path lockDir, Duration lockWait, TimeSource time) {
    this.lockDir = Objects.requireNonNull(lockDir, "lockDir");
    this.lockFile = lockDir.resolve("schedule.lock");
    this.recordFile = lockDir.resolve("last-minute");
    this.lockWaitNanos = lockWait.toNanos();
    this.time = time;
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
      try (FileChannel channel = LockFiles.open(lockFile, StandardOpenOption.WRITE)) {
        // Closing the channel releases the lock; other processes wait only for a read and a write.
        if (!lockWithin(channel)) {
          log.warn("{} is held for more than {} ms by a process that does not go on (stopped or"
              + " hung); claiming minute {} without it", lockFile, lockWaitNanos / 1_000_000, minute);
        }
        long last = readLastMinute();
        if (minute <= last || !createClaimFile(minute)) {
          return false;
        }
        writeLastMinute(minute);
        removeOldClaims(minute);
        return true;
      }
    }
  }

  /**
   * Takes the lock, waiting at most the lock wait: a holder stopped with SIGSTOP (or hung) must
   * not keep every later minute from running. Without the lock, the claim file still makes the
   * claim unique.
   */
  private boolean lockWithin(FileChannel channel) throws IOException {
    long deadline = time.nanoTime() + lockWaitNanos;
    while (channel.tryLock() == null) {
      if (time.nanoTime() - deadline >= 0) {
        return false;
      }
      try {
        time.sleepNanos(POLL_NANOS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted waiting for " + lockFile);
      }
    }
    return true;
  }

  /** Creates {@code minute-<millis>.claim}; false when it exists: the minute is someone's. */
  private boolean createClaimFile(long minute) throws IOException {
    try {
      Files.newByteChannel(lockDir.resolve(CLAIM_PREFIX + minute + CLAIM_SUFFIX),
          StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }

  private void removeOldClaims(long minute) {
    try (DirectoryStream<Path> claims = Files.newDirectoryStream(lockDir,
        CLAIM_PREFIX + "*" + CLAIM_SUFFIX)) {
      for (Path claim : claims) {
        String name = claim.getFileName().toString();
        String millis = name.substring(CLAIM_PREFIX.length(), name.length() - CLAIM_SUFFIX.length());
        if (millis.matches("-?[0-9]{1,19}") && Long.parseLong(millis) < minute - KEEP_CLAIMS_MILLIS) {
          Files.deleteIfExists(claim);
        }
      }
    } catch (IOException | NumberFormatException e) {
      log.debug("cannot remove old claims in {}: {}", lockDir, e.toString());
    }
  }

  /** The last claimed minute, or {@code Long.MIN_VALUE} when none (or the record is unreadable). */
  private long readLastMinute() throws IOException {
    String text;
    try {
      text = new String(RegularFile.read(recordFile, 1024), StandardCharsets.UTF_8).strip();
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
    byte[] text = (minute + " " + UtcText.of(minute) + "\n").getBytes(StandardCharsets.UTF_8);
    Files.deleteIfExists(aside); // left by a crash of an earlier process with our pid
    Files.write(aside, text, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS);
    try {
      Files.move(aside, recordFile, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(aside, recordFile, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
