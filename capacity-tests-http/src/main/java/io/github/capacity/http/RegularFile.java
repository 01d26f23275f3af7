package io.github.capacity.http;

import io.github.capacity.api.Definition;
import io.github.capacity.api.InvalidDefinitionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A file a definition names ({@code body_file}, {@code ca_file}), checked to be a regular file
 * before it is opened: a FIFO would block the read forever, a device could be endless, a
 * directory or a dangling link cannot be read. Each is an error naming the file. Stateless.
 */
final class RegularFile {
  private RegularFile() {}

  /** {@code file} resolved against the folder of {@code tests.json}, as the operator reads it. */
  static Path resolve(Definition d, String file) {
    Path parent = Path.of(d.source()).toAbsolutePath().getParent();
    return parent == null ? Path.of(file) : parent.resolve(file);
  }

  /**
   * Reads the whole of {@code path}, at most {@code maxBytes}, after checking it is a regular file.
   *
   * @param key the definition's key that names the file, for the error
   */
  static byte[] read(Definition d, String key, Path path, long maxBytes, String tooLarge)
      throws InvalidDefinitionException {
    long size = check(d, key, path).size();
    if (size > maxBytes) {
      throw d.error(key, "file \"" + path + "\" is larger than " + tooLarge);
    }
    try (InputStream in = Files.newInputStream(path)) {
      // The size could change between the check and the read: never read more than allowed.
      byte[] bytes = in.readNBytes((int) maxBytes + 1);
      if (bytes.length > maxBytes) {
        throw d.error(key, "file \"" + path + "\" is larger than " + tooLarge);
      }
      return bytes;
    } catch (IOException e) {
      throw d.error(key, "file \"" + path + "\" cannot be read ("
          + e.getClass().getSimpleName() + "), expected a readable file");
    }
  }

  /** The attributes of {@code path}, a regular file (through links); otherwise an error naming it. */
  static BasicFileAttributes check(Definition d, String key, Path path) throws InvalidDefinitionException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      boolean link = Files.isSymbolicLink(path);
      throw d.error(key, "file \"" + path + "\" " + (link
          ? "is a symbolic link to a missing file" : "does not exist") + ", expected a regular file");
    } catch (FileSystemException e) {
      String reason = String.valueOf(e.getReason());
      boolean loop = reason.contains("symbolic links");
      throw d.error(key, "file \"" + path + "\" " + (loop ? "is a symbolic link loop"
          : "cannot be read (" + e.getClass().getSimpleName() + ")") + ", expected a regular file");
    } catch (IOException e) {
      throw d.error(key, "file \"" + path + "\" cannot be read ("
          + e.getClass().getSimpleName() + "), expected a readable file");
    }
    if (attributes.isDirectory()) {
      throw d.error(key, "file \"" + path + "\" is a directory, expected a regular file");
    }
    if (!attributes.isRegularFile()) {
      throw d.error(key, "file \"" + path + "\" is a FIFO, socket or device, expected a regular file");
    }
    return attributes;
  }
}
