package io.github.capacity.core;

import io.github.capacity.api.ApiVersion;
import io.github.capacity.api.MetricsDestination;
import io.github.capacity.api.TestType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.function.Supplier;

/**
 * Whether a plugin fits this runtime's API: the version it says it was built for ({@link
 * ApiVersion}), and every method the engine calls implemented. A plugin compiled against an
 * older major API can lack a method that has no default; found here, at load, it is refused with
 * its jar and both versions rather than failing with an {@link AbstractMethodError} mid-run.
 */
public final class PluginCompatibility {
  private PluginCompatibility() {}

  /** {@code null} when {@code type} fits, else why not, naming its class, jar and both versions. */
  public static String check(TestType type) {
    return check(type, TestType.class, type::apiVersion);
  }

  /** {@code null} when {@code type} fits, else why not, naming its class, jar and both versions. */
  public static String check(MetricsDestination type) {
    return check(type, MetricsDestination.class, type::apiVersion);
  }

  /**
   * {@code null} when {@code object} (a plugin, the prepared test or sink it made) implements every abstract method of
   * {@code api}; else which it lacks.
   */
  static String missingMethod(Object object, Class<?> api) {
    for (Method method : api.getMethods()) {
      if (!Modifier.isAbstract(method.getModifiers())) {
        continue; // a default or static method: always there
      }
      try {
        Method found = object.getClass().getMethod(method.getName(), method.getParameterTypes());
        if (!Modifier.isAbstract(found.getModifiers())) {
          continue;
        }
      } catch (NoSuchMethodException e) {
        // fall through: missing
      }
      return PluginCalls.describe(object) + " lacks " + api.getSimpleName() + "." + method.getName()
          + "(), which capacity API " + ApiVersion.CURRENT + " requires";
    }
    return null;
  }

  private static String check(Object plugin, Class<?> api, Supplier<String> version) {
    String built;
    try {
      built = version.get();
    } catch (Throwable e) {
      PluginCalls.rethrowIfFatal(e);
      return PluginCalls.describe(plugin) + " failed in apiVersion(): " + e + "; refused";
    }
    String incompatibility = ApiVersion.incompatibility(built);
    if (incompatibility != null) {
      return PluginCalls.describe(plugin) + ": " + incompatibility + "; refused";
    }
    String missing = missingMethod(plugin, api);
    if (missing != null) {
      return missing + " (it says it is built for API " + built + "); refused";
    }
    return null;
  }
}
