package io.github.capacity.report;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.capacity.api.testing.RealDaemons;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium for tests: Debian's {@code chromium}, or the binary named by
 * {@code CAPACITY_CHROMIUM}. Each run gets a fresh profile and no background traffic. Missing,
 * it fails the test on CI ({@code CI=true}) and skips it elsewhere, saying how to install it.
 */
final class Chromium {
  private static final long TIMEOUT_SECONDS = 90;
  private final Path binary;
  private final Path scratch;

  private Chromium(Path binary, Path scratch) {
    this.binary = binary;
    this.scratch = scratch;
  }

  static Chromium find(Path scratch) {
    String configured = System.getenv("CAPACITY_CHROMIUM");
    List<Path> candidates = new ArrayList<>();
    if (configured != null && !configured.isBlank()) {
      candidates.add(Path.of(configured));
    }
    candidates.add(Path.of("/usr/bin/chromium"));
    candidates.add(Path.of("/usr/bin/chromium-browser"));
    for (Path candidate : candidates) {
      if (Files.isExecutable(candidate)) {
        return new Chromium(candidate, scratch);
      }
    }
    // None found: skipped with a line saying so, or a failure in CI.
    RealDaemons.requireExecutable("headless Chromium (or $CAPACITY_CHROMIUM)",
        "apt-get install chromium", candidates.get(candidates.size() - 2));
    throw new AssertionError("unreachable: " + candidates);
  }

  /** The page's DOM once loaded and its scripts have run. */
  String dumpDom(Path page) throws IOException, InterruptedException {
    return new String(run(page, "--dump-dom"), StandardCharsets.UTF_8);
  }

  /** A PNG of the page at {@code width} x {@code height} CSS pixels. */
  void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
    run(page, "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
        "--hide-scrollbars");
  }

  private byte[] run(Path page, String... action) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(scratch, "chromium-profile");
    Path stdout = scratch.resolve("chromium.out");
    Path stderr = scratch.resolve("chromium.err");
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
        "--user-data-dir=" + profile, "--virtual-time-budget=10000"));
    command.addAll(List.of(action));
    command.add(page.toUri().toString());
    Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile()).start();
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        fail("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + Files.readString(stderr));
      }
    } finally {
      // Its helper processes first: once chromium itself is gone they can no longer be found.
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    if (process.exitValue() != 0) {
      fail("chromium exited with " + process.exitValue() + ": " + Files.readString(stderr));
    }
    return Files.readAllBytes(stdout);
  }
}
