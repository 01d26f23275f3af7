package io.github.capacity.runner;

import java.nio.file.Path;

/** Temporary folders the tests make outside JUnit's {@code @TempDir}, removed again. */
final class TempTrees {
  private TempTrees() {}

  /** Removes {@code root} when the test JVM exits (a folder shared by the tests of one JVM). */
  static Path deleteOnExit(Path root) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> Folders.deleteTree(root), "delete " + root));
    return root;
  }
}
