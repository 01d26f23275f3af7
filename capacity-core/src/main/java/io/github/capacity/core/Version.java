package io.github.capacity.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The toolkit's version, as built by Maven. */
public final class Version {
  /** For example {@code 0.1.0}; {@code unknown} when run from classes without the resource. */
  public static final String CURRENT = read();

  private Version() {}

  private static String read() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
