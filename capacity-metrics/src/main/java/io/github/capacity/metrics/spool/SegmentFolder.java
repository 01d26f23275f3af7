package io.github.capacity.metrics.spool;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The folder of one destination's {@link Segment} files: lists them oldest first, creates, opens
 * and releases them, and sums their size. Keeps the segments this JVM holds in a set shared by
 * every spool of the JVM, since a JVM cannot take a second lock on a file it already locked (and
 * closing a second channel on it would drop the first one's lock). Not thread safe apart from
 * that set: one sender thread owns a folder object.
 */
final class SegmentFolder {
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
  private static final String SUFFIX = ".spool";

  /** Where problems that leave a segment alone are reported (rate-limited by the caller). */
  interface Warnings {
    void warn(String message, Object... arguments);
  }

  private final Path folder;
  private final Warnings warnings;

  SegmentFolder(Path folder, Warnings warnings) {
    this.folder = folder.toAbsolutePath().normalize();
    this.warnings = warnings;
  }

  Path path() {
    return folder;
  }

  /** Creates and locks {@code name}{@value #SUFFIX}, creating the folder when missing. */
  Segment create(String name) throws IOException {
    Files.createDirectories(folder);
    Path path = folder.resolve(name + SUFFIX);
    HELD.add(path);
    Segment segment = null;
    try {
      segment = Segment.create(path);
      return segment;
    } finally {
      if (segment == null) {
        HELD.remove(path);
      }
    }
  }

  /** Opens and locks a segment no one holds; null when held, gone or not a plain file (a link). */
  Segment open(Path path) {
    if (!HELD.add(path)) {
      return null;
    }
    Segment segment = null;
    try {
      segment = Segment.tryOpen(path);
      return segment;
    } catch (NoSuchFileException gone) {
      return null; // replayed and deleted by another instance meanwhile
    } catch (IOException e) {
      warnings.warn("cannot open spool segment {}, left alone: {}", path, e.toString());
      return null;
    } finally {
      if (segment == null) {
        HELD.remove(path);
      }
    }
  }

  /** Lets go of a segment (null: nothing to do). */
  static void release(Segment segment) {
    if (segment != null) {
      segment.close();
      HELD.remove(segment.path());
    }
  }

  /** Whether this JVM holds {@code path}. */
  static boolean held(Path path) {
    return HELD.contains(path);
  }

  /** The segment files, oldest first; none when the folder does not exist yet. */
  List<Path> list() {
    List<Path> paths = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
      stream.forEach(paths::add);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      warnings.warn("cannot list spool {}: {}", folder, e.toString());
      return List.of();
    }
    Collections.sort(paths);
    return paths;
  }

  /** The size of every segment file, links not followed. */
  long usedBytes() throws IOException {
    long used = 0;
    for (Path segment : list()) {
      try {
        used += Files.readAttributes(segment, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).size();
      } catch (NoSuchFileException gone) {
        // Replayed and deleted by another instance meanwhile.
      }
    }
    return used;
  }
}
