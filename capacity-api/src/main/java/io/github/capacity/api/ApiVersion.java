package io.github.capacity.api;

/**
 * The version of this API, {@code MAJOR.MINOR}, and the rule that decides whether a plugin fits.
 *
 * <p>A plugin records the version it was built against by overriding {@link TestType#apiVersion()}
 * (or {@link MetricsDestination#apiVersion()}) with {@code return ApiVersion.CURRENT;}: {@link
 * #CURRENT} is a compile-time constant, so the compiler copies its value into the plugin's class,
 * and the plugin keeps saying the version it was compiled against whatever API jar it later runs
 * with (SLF4J's providers record their requested API version the same way).
 *
 * <p>Compatibility: within a major version the API only grows, and every method added to an
 * interface a plugin implements comes with a default. So a plugin built for {@code 1.x} runs on
 * any {@code 1.y} with {@code y >= x}; a plugin built for a newer minor version, or another major
 * version, is refused when it is loaded.
 */
public final class ApiVersion {
  /** This API's version. */
  public static final String CURRENT = "1.0";

  /** What a plugin that does not say is assumed to be built for: the first versioned API. */
  public static final String BASELINE = "1.0";

  private ApiVersion() {}

  /**
   * Whether a plugin built for {@code pluginVersion} runs on this API.
   *
   * @return {@code null} when it does, else why not, as a sentence naming both versions
   */
  public static String incompatibility(String pluginVersion) {
    int[] ours = parse(CURRENT);
    int[] theirs = pluginVersion == null ? null : parse(pluginVersion);
    if (theirs == null) {
      return "its API version \"" + pluginVersion + "\" is not MAJOR.MINOR such as " + CURRENT;
    }
    if (theirs[0] != ours[0]) {
      return "it is built for capacity API " + pluginVersion + ", another major version than this"
          + " runtime's " + CURRENT;
    }
    if (theirs[1] > ours[1]) {
      return "it is built for capacity API " + pluginVersion + ", newer than this runtime's "
          + CURRENT + "; upgrade the runtime or use a build of the plugin for " + CURRENT;
    }
    return null;
  }

  private static int[] parse(String version) {
    String[] parts = version.split("\\.", -1);
    if (parts.length != 2) {
      return null;
    }
    try {
      int major = Integer.parseInt(parts[0]);
      int minor = Integer.parseInt(parts[1]);
      return major < 0 || minor < 0 ? null : new int[] {major, minor};
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
