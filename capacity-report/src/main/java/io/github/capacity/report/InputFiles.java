package io.github.capacity.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files a report reads: each argument is a file (read whatever its name) or a folder, whose
 * {@code *.jsonl} and {@code *.jsonl.gz} files are read, in subfolders too (one folder per host
 * is a common way to gather a fleet's files), in name order so that reports are reproducible.
 */
final class InputFiles {
  private InputFiles() {}

  /** The files, each once; throws {@link NoSuchFileException} naming a missing argument. */
  static List<Path> expand(List<Path> arguments) throws IOException {
    Set<Path> files = new LinkedHashSet<>();
    for (Path argument : arguments) {
      if (Files.isDirectory(argument)) {
        try (Stream<Path> walk = Files.walk(argument)) {
          walk.filter(InputFiles::isResults).sorted().forEach(files::add);
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
      } else if (Files.isRegularFile(argument)) {
        files.add(argument);
      } else {
        throw new NoSuchFileException(argument.toString(), null, "no such file or folder");
      }
    }
    return new ArrayList<>(files);
  }

  private static boolean isResults(Path file) {
    String name = file.getFileName().toString();
    return (name.endsWith(".jsonl") || name.endsWith(".jsonl.gz")) && Files.isRegularFile(file);
  }
}
