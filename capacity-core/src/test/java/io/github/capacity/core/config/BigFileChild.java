package io.github.capacity.core.config;

import java.nio.file.Path;

/** Main class of the child JVM in {@link BigFileTest}: parses a definitions file, prints counts. */
public final class BigFileChild {
  private BigFileChild() {}

  public static void main(String[] args) {
    DefinitionsFile file = DefinitionsFile.read(Path.of(args[0]));
    System.out.println(file.definitions().size() + " " + file.errors().size());
  }
}
