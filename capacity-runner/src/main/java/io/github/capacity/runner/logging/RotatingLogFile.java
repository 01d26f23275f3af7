package io.github.capacity.runner.logging;

import io.github.capacity.core.config.RegularFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * An append-only log file with a size cap and one rotated copy ({@code capacity.log.1}), shared
 * by up to {@code max.instances} processes. Each line is one {@code write} on a file opened for
 * append, so lines of two processes never interleave; a process notices that another one rotated
 * the file (its identity changed) and reopens it.
 *
 * <p>Thread safe: {@link #append} is synchronized. Never throws once open; a failed write is lost.
 */
final class RotatingLogFile {
  private final Path path;
  private final long maxBytes;
  private FileChannel channel;
  private Object fileKey;

  private RotatingLogFile(Path path, long maxBytes) {
    this.path = path;
    this.maxBytes = maxBytes;
  }

  static RotatingLogFile open(Path path, long maxBytes) throws IOException {
    Files.createDirectories(path.toAbsolutePath().getParent());
    RotatingLogFile file = new RotatingLogFile(path, maxBytes);
    file.reopen();
    return file;
  }

  Path path() {
    return path;
  }

  synchronized void append(String line) {
    try {
      if (channel == null || !Objects.equals(fileKey, currentKey())) {
        reopen();
      }
      if (channel.size() >= maxBytes) {
        rotate();
      }
      ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    } catch (IOException e) {
      // Logging must never stop the tests; the line is lost.
    }
  }

  synchronized void close() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing left to do with a log file that cannot close.
      }
      channel = null;
    }
  }

  private void rotate() throws IOException {
    Path rotated = path.resolveSibling(path.getFileName() + ".1");
    Files.move(path, rotated, StandardCopyOption.REPLACE_EXISTING);
    reopen();
  }

  private void reopen() throws IOException {
    close();
    channel = RegularFile.open(path, "log.dir", StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    fileKey = currentKey();
  }

  private Object currentKey() throws IOException {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    } catch (NoSuchFileException e) {
      return null;
    }
  }
}
