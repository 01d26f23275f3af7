package io.github.capacity.api.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test that runs a real daemon (nginx, carbon-cache, StatsD, Ansible, Prometheus, Chromium)
 * does when the daemon is not installed. On a developer's machine it is skipped with one line
 * naming what is missing and how to get it, so that {@code ./mvnw verify} passes on a fresh
 * clone; in CI ({@code CI=true}, as {@code .ci/run} runs) it fails, so CI never silently skips.
 */
public final class RealDaemons {
  private RealDaemons() {}

  /** Skips or fails, as above, unless every one of {@code files} exists and is executable. */
  public static void requireExecutable(String what, String install, Path... files) {
    for (Path file : files) {
      if (!Files.isExecutable(file)) {
        missing(what, install, file);
      }
    }
  }

  /** Skips or fails, as above, unless {@code file} is a regular file. */
  public static void requireFile(String what, String install, Path file) {
    if (!Files.isRegularFile(file)) {
      missing(what, install, file);
    }
  }

  /** Whether this run is CI's, where a missing daemon is a failure. */
  public static boolean inCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  private static void missing(String what, String install, Path file) {
    String message = "needs " + what + " (" + file + " is missing): " + install + ", as .ci/run does";
    if (inCi()) {
      fail(message);
    }
    Assumptions.abort("skipped: " + message);
  }
}
