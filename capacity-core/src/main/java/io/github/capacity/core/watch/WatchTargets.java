package io.github.capacity.core.watch;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The two paths a run watches and the rules for what about them matters. Both watch modes share
 * these rules: the polling mode compares {@link #snapshot()}s, the native mode uses {@link
 * #directoriesToWatch()} and {@link #isRelevantToConfig} and compares snapshots too, so that a
 * folder appearing between two events is never missed.
 *
 * <p>Immutable and thread safe; every method reads the file system afresh.
 */
final class WatchTargets {
  static final String CONFIG_SUFFIX = ".conf";

  private final Path configPath;
  private final Path stopFile;

  WatchTargets(Path configPath, Path stopFile) {
    this.configPath = configPath.toAbsolutePath().normalize();
    this.stopFile = stopFile.toAbsolutePath().normalize();
  }

  Path configPath() {
    return configPath;
  }

  Path stopFile() {
    return stopFile;
  }

  /**
   * The folders to hold a watch on now: the nearest existing folder above each path (the config
   * path and the stop file may not exist yet, nor their folders), and the config folder itself when
   * the config path is a folder.
   */
  Set<Path> directoriesToWatch() {
    Set<Path> directories = new LinkedHashSet<>();
    addNearestExisting(directories, configPath.getParent());
    addNearestExisting(directories, stopFile.getParent());
    if (Files.isDirectory(configPath)) {
      directories.add(configPath);
    }
    return directories;
  }

  private static void addNearestExisting(Set<Path> directories, Path start) {
    for (Path p = start; p != null; p = p.getParent()) {
      if (Files.isDirectory(p)) {
        directories.add(p);
        return;
      }
    }
  }

  /**
   * Whether an event on {@code changed} (an absolute path: the watched folder plus the event's
   * name) can change the configuration: the config path itself, a folder on the way to it, or a
   * {@code *.conf} file directly in the config folder.
   */
  boolean isRelevantToConfig(Path changed) {
    if (changed.equals(configPath) || configPath.startsWith(changed)) {
      return true;
    }
    Path parent = changed.getParent();
    return configPath.equals(parent) && isConfigFileName(changed);
  }

  static boolean isConfigFileName(Path file) {
    return file.getFileName().toString().endsWith(CONFIG_SUFFIX);
  }

  /** What the relevant files look like now; two equal snapshots mean nothing relevant changed. */
  WatchState snapshot() {
    return new WatchState(configFingerprint(), Files.exists(stopFile));
  }

  private Map<String, FileStamp> configFingerprint() {
    Map<String, FileStamp> stamps = new TreeMap<>();
    if (Files.isDirectory(configPath)) {
      stamps.put("/", FileStamp.FOLDER);
      try (DirectoryStream<Path> entries =
          Files.newDirectoryStream(configPath, "*" + CONFIG_SUFFIX)) {
        for (Path entry : entries) {
          FileStamp stamp = FileStamp.of(entry);
          if (stamp != null) {
            stamps.put(entry.getFileName().toString(), stamp);
          }
        }
      } catch (IOException e) {
        // The folder went away while listing it; the event that says so triggers another look.
        stamps.put("/", FileStamp.UNREADABLE);
      }
    } else {
      FileStamp stamp = FileStamp.of(configPath);
      if (stamp != null) {
        stamps.put("", stamp);
      }
    }
    return stamps;
  }

  /**
   * Size, modification time and file key (device and inode on Linux) of a regular file. The file
   * key tells a rename-over from an in-place write even when size and time happen to match.
   */
  record FileStamp(long sizeBytes, long modifiedNanos, Object fileKey) {
    static final FileStamp FOLDER = new FileStamp(-1, -1, "folder");
    static final FileStamp UNREADABLE = new FileStamp(-2, -2, "unreadable");

    /** The stamp of {@code file} (links followed), or null when it is not a readable file. */
    static FileStamp of(Path file) {
      try {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
          return null;
        }
        return new FileStamp(attributes.size(),
            attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
            attributes.fileKey());
      } catch (IOException e) {
        return null;
      }
    }

    // Written out: a record's generated equals and hashCode are bootstrapped through method
    // handles at their first call, start-up time of every run.
    @Override
    public boolean equals(Object other) {
      return other instanceof FileStamp that && sizeBytes == that.sizeBytes
          && modifiedNanos == that.modifiedNanos && Objects.equals(fileKey, that.fileKey);
    }

    @Override
    public int hashCode() {
      return Objects.hash(sizeBytes, modifiedNanos, fileKey);
    }
  }
}
