package io.github.capacity.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing the scratch folders the runner makes. */
final class Folders {
  private Folders() {}

  /**
   * Removes {@code root} and all in it, as far as it can: a file a plugin still holds open, or one
   * made read-only, stays for the system's own clean-up of the temporary folder.
   */
  static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          // stays, as documented
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // the walk failed part way: what it had not reached stays
    }
  }
}
