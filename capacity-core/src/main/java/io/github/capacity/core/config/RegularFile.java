package io.github.capacity.core.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads an operator's file whole, but only when it is a regular file of bounded size: a FIFO
 * would block the reader forever, a device could be endless, and a folder, a dangling link or a
 * link loop deserve an error that says so rather than a bare {@code IOException}. Stateless.
 */
public final class RegularFile {
  private static final int TYPE_MASK = 0170000;
  private static final int FIFO = 0010000;
  private static final int SOCKET = 0140000;

  private RegularFile() {}

  /** A file that is not a regular file, or too large; the message leaves the path out. */
  public static final class UnusableFileException extends IOException {
    private static final long serialVersionUID = 1L;

    UnusableFileException(String message) {
      super(message);
    }
  }

  /**
   * The bytes of {@code file}.
   *
   * @throws NoSuchFileException when nothing is at {@code file} (not even a link)
   * @throws UnusableFileException when it is not a regular file or holds more than {@code maxBytes}
   * @throws IOException when reading fails
   */
  public static byte[] read(Path file, long maxBytes) throws IOException {
    checkRegular(file);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size > maxBytes) {
        throw tooLarge(size, maxBytes);
      }
      // Reads at most maxBytes + 1 whatever the size said: the file may grow while it is read.
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(maxBytes + 1, Math.max(size, 8192)));
      while (channel.read(buffer) > 0) {
        if (!buffer.hasRemaining()) {
          if (buffer.capacity() > maxBytes) {
            throw tooLarge(channel.size(), maxBytes);
          }
          ByteBuffer bigger =
              ByteBuffer.allocate((int) Math.min(maxBytes + 1, buffer.capacity() * 2L));
          buffer = bigger.put(buffer.flip());
        }
      }
      return Arrays.copyOf(buffer.array(), buffer.position());
    }
  }

  /**
   * Checks that {@code file} is a regular file (following links).
   *
   * @throws NoSuchFileException when nothing is there
   * @throws UnusableFileException saying what is there instead
   */
  public static void checkRegular(Path file) throws IOException {
    BasicFileAttributes link = Files.readAttributes(file, BasicFileAttributes.class,
        LinkOption.NOFOLLOW_LINKS);
    BasicFileAttributes target;
    try {
      target = link.isSymbolicLink() ? Files.readAttributes(file, BasicFileAttributes.class) : link;
    } catch (NoSuchFileException e) {
      throw new UnusableFileException("is a dangling symbolic link (to " + Files.readSymbolicLink(file)
          + "), expected a regular file");
    } catch (FileSystemException e) {
      throw new UnusableFileException("is a symbolic link that cannot be followed ("
          + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason())
          + "), expected a regular file");
    }
    if (target.isRegularFile()) {
      return;
    }
    if (target.isDirectory()) {
      throw new UnusableFileException("is a folder, expected a regular file");
    }
    throw new UnusableFileException("is a " + kind(file) + ", expected a regular file");
  }

  /**
   * Opens {@code file} for writing, creating it when missing, without following a symbolic link:
   * a link planted in a lock or log folder must never make a run truncate, lock or append to
   * another file.
   *
   * @param folderSetting the setting naming the folder, for the error
   * @throws IOException naming the file when it is a link, or when it cannot be opened
   */
  public static FileChannel open(Path file, String folderSetting, OpenOption... access)
      throws IOException {
    Set<OpenOption> options = new HashSet<>(List.of(access));
    options.add(StandardOpenOption.CREATE);
    options.add(LinkOption.NOFOLLOW_LINKS);
    try {
      return FileChannel.open(file, options);
    } catch (IOException e) {
      if (Files.isSymbolicLink(file)) {
        throw new IOException(file + ": is a symbolic link, expected a regular file (remove it;"
            + " capacity never follows links in " + folderSetting + ")", e);
      }
      throw e;
    }
  }

  private static String kind(Path file) {
    try {
      int type = (Integer) Files.getAttribute(file, "unix:mode") & TYPE_MASK;
      return type == FIFO ? "FIFO (named pipe)" : type == SOCKET ? "socket" : "device";
    } catch (IOException | RuntimeException e) {
      return "special file";
    }
  }

  private static UnusableFileException tooLarge(long size, long maxBytes) {
    return new UnusableFileException("is " + size + " bytes, expected at most " + maxBytes + " bytes");
  }
}
