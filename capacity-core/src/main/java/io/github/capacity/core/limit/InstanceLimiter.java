package io.github.capacity.core.limit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Caps how many runs live at once on a host: {@code max.instances} slots, each an exclusive file
 * lock on {@code slot-<i>.lock} in {@code lock.dir}. The kernel drops the lock when its process
 * dies, {@code kill -9} included, so a crashed run never keeps a slot.
 *
 * <p>The holder writes its pid and start time into the slot file for operators; that text is
 * never read back, only the lock counts. Slots are tried from 0 up, so the lowest free one is
 * taken.
 *
 * <p>Thread safe. A slot is held until {@link Slot#close()} or the end of the process.
 */
public final class InstanceLimiter {
  private final Path lockDir;
  private final int maxInstances;

  /**
   * @param lockDir the folder of the slot files; created on first use when missing
   * @param maxInstances how many slots there are, at least 1
   */
  public InstanceLimiter(Path lockDir, int maxInstances) {
    if (maxInstances < 1) {
      throw new IllegalArgumentException("max.instances must be >= 1: " + maxInstances);
    }
    this.lockDir = Objects.requireNonNull(lockDir, "lockDir");
    this.maxInstances = maxInstances;
  }

  /**
   * Takes the lowest free slot, without waiting.
   *
   * @return the slot, or empty when all {@code maxInstances} are held (by any process)
   * @throws IOException when {@code lock.dir} or a slot file cannot be created or written
   */
  public Optional<Slot> tryAcquire() throws IOException {
    LockFiles.createLockDir(lockDir);
    int heldAbove = heldAboveMax();
    if (heldAbove >= maxInstances) {
      return Optional.empty();
    }
    // Slots held above the limit use up the last free ones below it.
    int mayTry = maxInstances - heldAbove;
    for (int index = 0; index < maxInstances && mayTry > 0; index++) {
      Path file = lockDir.resolve("slot-" + index + ".lock");
      Slot slot = null;
      if (LockFiles.claimInThisJvm(file)) {
        try {
          slot = tryLock(index, file);
        } finally {
          if (slot == null) {
            LockFiles.releaseInThisJvm(file);
          }
        }
      }
      if (slot != null) {
        return Optional.of(slot);
      }
      mayTry--;
    }
    return Optional.empty();
  }

  /**
   * How many slots numbered {@code maxInstances} or above are held: runs started while {@code
   * max.instances} was higher. They count against the new limit at once.
   */
  private int heldAboveMax() throws IOException {
    List<Path> above = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(lockDir, "slot-*.lock")) {
      for (Path file : files) {
        String number = file.getFileName().toString().replaceAll("^slot-|\\.lock$", "");
        if (number.matches("[0-9]{1,4}") && Integer.parseInt(number) >= maxInstances) {
          above.add(file);
        }
      }
    }
    int held = 0;
    for (Path file : above) {
      if (!LockFiles.claimInThisJvm(file)) {
        held++;
        continue;
      }
      try {
        Slot probe = tryLock(-1, file);
        if (probe == null) {
          held++;
        } else {
          probe.channel.close(); // free: let it go without touching its text
        }
      } finally {
        LockFiles.releaseInThisJvm(file);
      }
    }
    return held;
  }

  private static Slot tryLock(int index, Path file) throws IOException {
    FileChannel channel = LockFiles.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        return null;
      }
      if (index >= 0) {
        writeHolder(channel);
      }
      return new Slot(index, file, channel);
    } catch (IOException | RuntimeException e) {
      channel.close();
      if (e instanceof OverlappingFileLockException) {
        return null;
      }
      throw e;
    }
  }

  private static void writeHolder(FileChannel channel) throws IOException {
    // When the slot was taken; the process's own start time would cost reading /proc at start-up.
    String started = UtcText.of(System.currentTimeMillis());
    byte[] text = ("pid=" + ProcessHandle.current().pid() + "\nstarted=" + started + "\n")
        .getBytes(StandardCharsets.UTF_8);
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(text), 0);
  }

  /**
   * A held slot. Closing it empties the slot file and releases the lock; closing twice is harmless.
   * Thread safe.
   */
  public static final class Slot implements AutoCloseable {
    private final int index;
    private final Path file;
    private final FileChannel channel;
    private boolean closed;

    private Slot(int index, Path file, FileChannel channel) {
      this.index = index;
      this.file = file;
      this.channel = channel;
    }

    /** The slot number, from 0 to {@code maxInstances - 1}. */
    public int index() {
      return index;
    }

    /** Releases the slot. Never throws: a slot file that cannot be emptied is freed anyway. */
    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        channel.truncate(0);
      } catch (IOException e) {
        // The holder text is only a hint for operators; the lock release below is what counts.
      }
      try {
        channel.close(); // releases the lock
      } catch (IOException e) {
        // The descriptor is gone either way, and with it the lock.
      }
      LockFiles.releaseInThisJvm(file);
    }

    @Override
    public String toString() {
      return "Slot[" + index + ", " + file + "]";
    }
  }
}
