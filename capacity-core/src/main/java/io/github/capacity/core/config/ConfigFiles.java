package io.github.capacity.core.config;

import io.github.capacity.core.pacing.Fleet;
import java.io.IOException;
import java.nio.file.Files;
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
    return readAll(List.of(configPath), null);
  }

  /**
   * Reads {@code configPath}, a file or a folder of {@code *.conf} files; see the class comment.
   *
   * @param fleet this host's place in its fleet ({@code fleet.size}, {@code fleet.index}), or
   *     {@code null} when the settings give none: fleet-wide rates are then refused
   */
  public static ConfigSource.Snapshot read(Path configPath, Fleet fleet) {
    return readAll(List.of(configPath), fleet);
  }

  /** {@link #readAll(List, Fleet)} on a host with no fleet settings. */
  public static ConfigSource.Snapshot readAll(List<Path> configPaths) {
    return readAll(configPaths, null);
  }

  /**
   * Reads several paths as one configuration, in order: a test name is refused in a later path
   * as in a later file of one folder, so a candidate file can be checked beside installed ones.
   *
   * @param fleet this host's place in its fleet, or {@code null} when the settings give none
   */
  public static ConfigSource.Snapshot readAll(List<Path> configPaths, Fleet fleet) {
    LineParser parser = new LineParser(fleet);
    for (Path configPath : configPaths) {
      readPath(parser, configPath);
    }
    return parser.snapshot();
  }

  private static void readPath(LineParser parser, Path configPath) {
    if (Files.isDirectory(configPath)) {
      List<Path> files;
      try {
        files = confFiles(configPath);
      } catch (IOException | RuntimeException e) {
        parser.fileError(configPath.toString(), "folder cannot be listed (" + reason(e)
            + "), expected a readable folder of *.conf files");
        return;
      }
      for (Path file : files) {
        readFile(parser, file);
      }
    } else if (Files.exists(configPath)) {
      readFile(parser, configPath);
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
          return name.endsWith(CONF_SUFFIX) && !name.startsWith(".") && Files.isRegularFile(file);
        })
        .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
        .toList();
  }

  private static void readFile(LineParser parser, Path file) {
    String source = file.toString();
    try {
      if (!Files.isRegularFile(file)) {
        parser.fileError(source, "is not a regular file, expected a file or a folder of *.conf files");
        return;
      }
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        parser.fileError(source, "is " + size + " bytes, expected at most " + MAX_FILE_BYTES
            + " bytes of configuration lines");
        return;
      }
      parser.file(source, TextLines.split(Files.readAllBytes(file)));
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
