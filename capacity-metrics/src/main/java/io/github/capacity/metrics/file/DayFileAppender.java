package io.github.capacity.metrics.file;

import io.github.capacity.metrics.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Appends batches of whole lines to files in one folder. Each batch is written with the file
 * opened in append mode (never truncated, always at the end) while holding an exclusive {@link
 * FileLock} on it: O_APPEND alone keeps writers from overwriting each other, but POSIX promises
 * no atomicity for regular files beyond that, and a long batch may be written in several
 * pieces; the lock makes the whole batch one unit for every process that appends the same way.
 * Within this JVM, a monitor per file comes first, since a JVM cannot hold two locks on one file.
 *
 * <p>Thread safe. {@link #disconnect()} closes the file being written, which makes a write or a
 * wait for the lock fail at once.
 */
final class DayFileAppender implements Transport {
  private static final ConcurrentHashMap<Path, Object> JVM_LOCKS = new ConcurrentHashMap<>();
  // No link followed: a link planted in the results folder must never be appended through.
  private static final OpenOption[] APPEND_OPTIONS = {StandardOpenOption.CREATE,
      StandardOpenOption.WRITE, StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS};

  /** Opens a results file for appending; a seam for tests that need a failing disk. */
  interface Opener {
    FileChannel open(Path file) throws IOException;
  }

  private final Path folder;
  private final Opener opener;
  private volatile FileChannel current;

  DayFileAppender(Path folder) {
    this(folder, file -> FileChannel.open(file, APPEND_OPTIONS));
  }

  DayFileAppender(Path folder, Opener opener) {
    this.folder = folder;
    this.opener = opener;
  }

  @Override
  public void send(String fileName, byte[] payload) throws IOException {
    Path file = folder.resolve(fileName).toAbsolutePath().normalize();
    synchronized (JVM_LOCKS.computeIfAbsent(file, f -> new Object())) {
      try (FileChannel channel = open(file)) {
        current = channel;
        try (FileLock lock = channel.lock()) {
          long end = channel.size();
          try {
            ByteBuffer buffer = ByteBuffer.wrap(payload);
            while (buffer.hasRemaining()) {
              channel.write(buffer);
            }
          } catch (IOException e) {
            // A full disk took part of the batch: cut it off, so the file holds whole lines only
            // and the retry (or the count of what is dropped) covers the whole batch.
            cutBack(channel, end);
            throw e;
          }
        }
      } finally {
        current = null;
      }
    }
  }

  private static void cutBack(FileChannel channel, long end) {
    try {
      channel.truncate(end);
    } catch (IOException | RuntimeException e) {
      // Nothing more to do: the error that brought us here is reported.
    }
  }

  /** Opens for appending; creates the folder only when it is missing (not at every append). */
  private FileChannel open(Path file) throws IOException {
    try {
      return opener.open(file);
    } catch (NoSuchFileException e) {
      Files.createDirectories(folder);
      return opener.open(file);
    } catch (IOException e) {
      if (Files.isSymbolicLink(file)) {
        throw new IOException(file + ": is a symbolic link, expected a regular file (remove it;"
            + " capacity never follows links in the results folder)", e);
      }
      throw e;
    }
  }

  @Override
  public void disconnect() {
    FileChannel channel = current;
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // The write in progress fails either way.
      }
    }
  }

  @Override
  public String endpoint() {
    return "file://" + folder.toAbsolutePath();
  }
}
