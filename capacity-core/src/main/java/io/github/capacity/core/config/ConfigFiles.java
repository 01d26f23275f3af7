package io.github.capacity.core.config;

import io.github.capacity.core.pacing.Fleet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the configuration lines ({@code test_name|test_type|test_frequency|metrics_destination})
 * from {@code config.path}: one file, or every {@code *.conf} file of a folder in name order
 * (hidden files, other files and subfolders are ignored). A missing path means no tests and no
 * error, so that the cron job idles until configuration management creates it.
 *
 * <p>Never throws for bad content: each refused line is one {@link ConfigError} and the good lines
 * still come back. Errors name a file as {@code config.path} joined with the file's name. Stateless
 * and thread safe.
 */
public final class ConfigFiles {
  /** Far above any real configuration; keeps a runaway file from filling the heap. */
  static final long MAX_FILE_BYTES = 1024 * 1024;

  private static final String CONF_SUFFIX = ".conf";

  private ConfigFiles() {}

  /**
   * Reads {@code configPath}, a file or a folder of {@code *.conf} files, on a host with no
   * fleet settings (fleet-wide rates are refused); see the class comment.
   */
  public static ConfigSource.Snapshot read(Path configPath) {
    return read(configPath, FileTrust.STRICT);
  }

  /**
   * Reads {@code configPath} as {@link #read(Path)} does, refusing the folder or a file that
   * {@code trust} does not accept.
   */
  public static ConfigSource.Snapshot read(Path configPath, FileTrust trust) {
    return readAll(List.of(configPath), trust, null);
  }

  /**
   * Reads {@code configPath} for a host at {@code fleet} ({@code fleet.size}, {@code
   * fleet.index}; {@code null} when the settings give none: fleet-wide rates are then refused).
   */
  public static ConfigSource.Snapshot read(Path configPath, Fleet fleet) {
    return readAll(List.of(configPath), FileTrust.STRICT, fleet);
  }

  /** {@link #readAll(List, FileTrust, Fleet)} on a host with no fleet settings. */
  public static ConfigSource.Snapshot readAll(List<Path> paths, FileTrust trust) {
    return readAll(paths, trust, null);
  }

  /**
   * Reads several files and folders as one configuration, in the order given: a test name
   * defined twice is refused where it comes second, whichever file that is.
   *
   * @param trust which owners and modes of the files and folders are accepted
   * @param fleet this host's place in its fleet, or {@code null} when the settings give none
   */
  public static ConfigSource.Snapshot readAll(List<Path> paths, FileTrust trust, Fleet fleet) {
    LineParser parser = new LineParser(fleet);
    for (Path path : paths) {
      readInto(parser, path, trust);
    }
    return parser.snapshot();
  }

  /**
   * The files {@link #read} reads for {@code configPath}: the {@code *.conf} files of a folder
   * in name order, or the path itself.
   */
  public static List<Path> files(Path configPath) throws IOException {
    return Files.isDirectory(configPath) ? confFiles(configPath) : List.of(configPath);
  }

  private static void readInto(LineParser parser, Path configPath, FileTrust trust) {
    if (Files.isDirectory(configPath)) {
      String untrusted = trust.problem(configPath);
      if (untrusted != null) {
        parser.fileError(configPath.toString(), untrusted);
        return;
      }
      List<Path> files;
      try {
        files = confFiles(configPath);
      } catch (IOException | RuntimeException e) {
        parser.fileError(configPath.toString(), "folder cannot be listed (" + reason(e)
            + "), expected a readable folder of *.conf files");
        return;
      }
      for (Path file : files) {
        readFile(parser, file, trust);
      }
    } else if (Files.exists(configPath, LinkOption.NOFOLLOW_LINKS)) {
      readFile(parser, configPath, trust); // a dangling link is an error, not "no tests"
    }
  }

  /** Parses one file's text; {@code source} is the name shown in errors. No fleet settings. */
  public static ConfigSource.Snapshot parse(String source, String text) {
    return parse(source, text, null);
  }

  /** Parses one file's text for a host at {@code fleet} ({@code null}: none). */
  public static ConfigSource.Snapshot parse(String source, String text, Fleet fleet) {
    LineParser parser = new LineParser(fleet);
    parser.file(source, TextLines.split(text));
    return parser.snapshot();
  }

  /** Parses one file's bytes, refusing lines that are not UTF-8. */
  static ConfigSource.Snapshot parse(String source, byte[] bytes) {
    LineParser parser = new LineParser(null);
    parser.file(source, TextLines.split(bytes));
    return parser.snapshot();
  }

  private static List<Path> confFiles(Path folder) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> entries = Files.list(folder)) {
      entries.forEach(files::add);
    }
    // Names are compared as strings so that the order is the same on every file system.
    return files.stream()
        .filter(file -> {
          String name = file.getFileName().toString();
          // Not only regular files: a FIFO or a folder named *.conf is reported, not skipped.
          return name.endsWith(CONF_SUFFIX) && !name.startsWith(".");
        })
        .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
        .toList();
  }

  private static void readFile(LineParser parser, Path file, FileTrust trust) {
    String source = file.toString();
    try {
      RegularFile.checkRegular(file);
      String untrusted = trust.problem(file);
      if (untrusted != null) {
        parser.fileError(source, untrusted);
        return;
      }
      parser.file(source, TextLines.split(RegularFile.read(file, MAX_FILE_BYTES)));
    } catch (RegularFile.UnusableFileException e) {
      parser.fileError(source, e.getMessage());
    } catch (NoSuchFileException e) {
      // Removed between listing and reading: configuration management stopped these tests.
    } catch (IOException | RuntimeException e) {
      parser.fileError(source, "cannot be read (" + reason(e) + "), expected a readable file");
    }
  }

  static String reason(Exception e) {
    String type = e.getClass().getSimpleName();
    return e.getMessage() == null ? type : type + ": " + e.getMessage();
  }
}
