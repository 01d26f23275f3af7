package io.github.capacity.runner;

import io.github.capacity.core.config.FileTrust;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cron job's check of {@code bin/capacity}'s class-data-sharing archive. The launcher maps
 * the archive without looking at the Java it was written for (that would cost it a dozen programs
 * per start); a Java that cannot use it, after an update in place, starts without sharing and
 * says so in {@code java.vm.info}. The cron job then leaves {@code <archive>.stale} beside the
 * archive, and the next cron run records a new one.
 */
final class ClassDataSharing {
  private static final Logger LOG = LoggerFactory.getLogger(ClassDataSharing.class);
  /** Set by {@code bin/capacity} to the archive it asked the JVM to map. */
  static final String ARCHIVE_PROPERTY = "capacity.cds.archive";

  private ClassDataSharing() {}

  /** Marks the archive stale when the JVM was given one and is not sharing. Never throws. */
  static void checkArchive() {
    String archive = System.getProperty(ARCHIVE_PROPERTY);
    if (archive != null && !archive.isBlank()) {
      // bin/capacity maps it only when this user owns it; the mode it cannot read cheaply.
      String untrusted = FileTrust.STRICT.problem(Path.of(archive));
      if (untrusted != null) {
        LOG.error("the class-data archive {} that bin/capacity maps: {} (or set CAPACITY_CDS=off)",
            archive, untrusted);
      }
    }
    if (archive == null || archive.isBlank() || sharing(System.getProperty("java.vm.info", ""))) {
      return;
    }
    Path marker = Path.of(archive + ".stale");
    try {
      Files.createFile(marker);
      LOG.info("the class-data archive {} does not fit this Java ({}); the next run records a new one",
          archive, Runtime.version());
    } catch (FileAlreadyExistsException e) {
      // Another instance noticed first.
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot mark the class-data archive {} stale: {}", archive, e.toString());
    }
  }

  /** Whether a {@code java.vm.info} such as {@code "mixed mode, sharing"} reports a mapped archive. */
  static boolean sharing(String vmInfo) {
    return vmInfo.contains("sharing");
  }
}
