package io.github.capacity.runner;

import io.github.capacity.core.config.ConfigError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The arguments of {@code capacity check}: candidate files, each after an optional {@code
 * --settings}, {@code --tests}, {@code --destinations} or {@code --lines} saying what it is (else
 * guessed from its name), and {@code --replaces FILE} naming an installed configuration file that
 * the candidate lines replace. Any other word starting with {@code -} is a usage error.
 */
final class CheckArguments {
  private static final Set<String> KINDS = Set.of("--settings", "--tests", "--destinations", "--lines");
  private static final String REPLACES = "--replaces";

  Path settingsFile;
  Path testsFile;
  Path destinationsFile;
  final List<Path> candidateLines = new ArrayList<>();
  final List<Path> replaced = new ArrayList<>();
  /** Named files that do not exist. */
  final List<ConfigError> missing = new ArrayList<>();
  /** Why the arguments cannot be used (exit 2), or {@code null}. */
  String usageError;

  static CheckArguments parse(List<String> words) {
    CheckArguments arguments = new CheckArguments();
    String as = null;
    for (String word : words) {
      if (as == null && (KINDS.contains(word) || word.equals(REPLACES))) {
        as = word;
        continue;
      }
      if (as == null && word.startsWith("-")) {
        arguments.usageError = "unknown option \"" + word + "\"; expected --settings, --tests,"
            + " --destinations, --lines or --replaces before a file";
        return arguments;
      }
      arguments.add(as, word);
      as = null;
    }
    if (as != null) {
      arguments.usageError = as + " needs a file";
    }
    return arguments;
  }

  private void add(String as, String name) {
    Path file = Path.of(name);
    if (REPLACES.equals(as)) {
      replaced.add(file.toAbsolutePath().normalize());
      return;
    }
    String base = file.getFileName() == null ? name : file.getFileName().toString();
    String kind = as != null ? as
        : base.contains(".properties") ? "--settings"
        : base.contains(".json") ? (base.contains("destination") ? "--destinations" : "--tests")
        : "--lines";
    if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      missing.add(new ConfigError(name, 0, "does not exist"));
      return;
    }
    switch (kind) {
      case "--settings" -> settingsFile = file;
      case "--tests" -> testsFile = file;
      case "--destinations" -> destinationsFile = file;
      default -> candidateLines.add(file);
    }
  }

  /**
   * What to read as configuration lines: the installed {@code configPath}'s files, less those the
   * candidates replace, then the candidates, so that a test name a candidate repeats is reported
   * on the candidate. A candidate replaces an installed file it names with {@code --replaces},
   * one of the same name, or one its name starts with (a validate command's temporary copy such
   * as {@code shop.conf20261203-42-x1}). A candidate folder replaces them all.
   */
  List<Path> linesToRead(Path configPath) throws IOException {
    if (candidateLines.isEmpty()) {
      return List.of(configPath);
    }
    List<Path> paths = new ArrayList<>();
    boolean wholeFolder = candidateLines.stream().anyMatch(Files::isDirectory);
    if (!wholeFolder && Files.exists(configPath)) {
      for (Path installed : io.github.capacity.core.config.ConfigFiles.files(configPath)) {
        if (!replacedByACandidate(installed)) {
          paths.add(installed);
        }
      }
    }
    paths.addAll(candidateLines);
    return paths;
  }

  private boolean replacedByACandidate(Path installed) {
    Path absolute = installed.toAbsolutePath().normalize();
    if (replaced.contains(absolute)) {
      return true;
    }
    String name = installed.getFileName().toString();
    for (Path candidate : candidateLines) {
      Path candidateAbsolute = candidate.toAbsolutePath().normalize();
      if (candidateAbsolute.equals(absolute) || candidate.getFileName().toString().startsWith(name)) {
        return true;
      }
    }
    return false;
  }
}
