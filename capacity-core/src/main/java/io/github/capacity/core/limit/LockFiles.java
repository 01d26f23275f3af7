package io.github.capacity.core.limit;

import io.github.capacity.core.config.RegularFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.OpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the lock classes share: creating {@code lock.dir}, and the JVM-wide bookkeeping that file
 * locks need.
 *
 * <p>Why the bookkeeping: on Linux the JDK takes POSIX record locks, which belong to the process,
 * not to the channel. A second channel on a file this JVM already locks cannot see that lock
 * ({@code tryLock} throws {@code OverlappingFileLockException} at best), and closing that second
 * channel would silently drop the first one's lock. So this JVM never opens a lock file it holds:
 * it remembers what it holds here and checks before opening.
 *
 * <p>Thread safe.
 */
final class LockFiles {
  private static final String EXPECTED =
      "expected a folder this user can write (set lock.dir in capacity.properties)";
  private static final Set<Path> heldInThisJvm = ConcurrentHashMap.newKeySet();
  private static final ConcurrentHashMap<Path, Object> monitors = new ConcurrentHashMap<>();

  private LockFiles() {}

  /**
   * Creates {@code lockDir} and its parents when missing.
   *
   * @throws IOException naming the folder, the reason and what is expected
   */
  static void createLockDir(Path lockDir) throws IOException {
    if (Files.isDirectory(lockDir)) {
      if (!Files.isWritable(lockDir)) {
        throw new IOException("lock.dir " + lockDir + ": not writable by this user, " + EXPECTED);
      }
      return;
    }
    Path blocker = nearestExisting(lockDir);
    if (blocker != null && !Files.isDirectory(blocker)) {
      throw new IOException("lock.dir " + lockDir + ": " + blocker + " is not a folder, "
          + EXPECTED);
    }
    try {
      Files.createDirectories(lockDir);
    } catch (FileSystemException e) {
      String reason = e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
      throw new IOException("lock.dir " + lockDir + ": cannot create the folder (" + reason
          + "), " + EXPECTED, e);
    }
  }

  private static Path nearestExisting(Path path) {
    for (Path p = path.toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p)) {
        return p;
      }
    }
    return null;
  }

  /** Opens (creating when missing) a file in {@code lock.dir}: see {@link RegularFile#open}. */
  static FileChannel open(Path file, OpenOption... access) throws IOException {
    return RegularFile.open(file, "lock.dir", access);
  }

  /** Marks {@code lockFile} held by this JVM; false when it already was. */
  static boolean claimInThisJvm(Path lockFile) {
    return heldInThisJvm.add(key(lockFile));
  }

  /** Undoes {@link #claimInThisJvm}. */
  static void releaseInThisJvm(Path lockFile) {
    heldInThisJvm.remove(key(lockFile));
  }

  /** One monitor per lock file, so threads of this JVM take turns before locking the file. */
  static Object monitor(Path lockFile) {
    return monitors.computeIfAbsent(key(lockFile), k -> new Object());
  }

  private static Path key(Path lockFile) {
    return lockFile.toAbsolutePath().normalize();
  }
}
