package io.github.capacity.runner;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Where the runner is installed and which version it is. */
final class Installation {
  private Installation() {}

  /**
   * The install folder: the system property {@code capacity.home} that {@code bin/capacity} sets,
   * else the folder above the {@code lib/} holding the runner's jar, else the working folder.
   */
  static Path home() {
    String home = System.getProperty("capacity.home");
    if (home != null && !home.isBlank()) {
      return Path.of(home).toAbsolutePath().normalize();
    }
    try {
      Path jar = Path.of(Installation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path lib = jar.getParent();
      if (Files.isRegularFile(jar) && lib != null && lib.getFileName().toString().equals("lib")
          && lib.getParent() != null) {
        return lib.getParent();
      }
    } catch (URISyntaxException | RuntimeException e) {
      // Fall through to the working folder.
    }
    return Path.of("").toAbsolutePath();
  }

  /** The toolkit's version, from the build. */
  static String version() {
    try (InputStream in = Installation.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        Properties properties = new Properties();
        properties.load(in);
        String version = properties.getProperty("version");
        if (version != null && !version.startsWith("${")) {
          return version;
        }
      }
    } catch (IOException e) {
      // Fall through.
    }
    return "unknown";
  }
}
