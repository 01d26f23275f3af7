package io.github.capacity.core;

import java.lang.reflect.Constructor;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/**
 * Loads one plugin class (and its nested classes) from the test classes with a {@link
 * PluginClassLoader} of its own, as the runner loads a jar of {@code plugins.dir}: the engine then
 * sees a plugin, not its own code. The plugin may use the API and the JDK only, as a real one does.
 */
final class PluginJar {
  private PluginJar() {}

  /** A new instance of {@code plugin} as its own class loader defines it. */
  static <T> T load(Class<T> api, Class<? extends T> plugin, Class<?>[] parameterTypes, Object... args) {
    String name = plugin.getName();
    // The test's class path holds the plugin too: hidden, so that the plugin's loader defines it.
    ClassLoader hiding = new ClassLoader("hiding " + name, PluginJar.class.getClassLoader()) {
      @Override
      protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
        if (className.equals(name) || className.startsWith(name + "$")) {
          throw new ClassNotFoundException(className);
        }
        return super.loadClass(className, resolve);
      }
    };
    try {
      PluginClassLoader loader = new PluginClassLoader("plugin:" + plugin.getSimpleName(),
          new URL[] {location(plugin)}, hiding);
      Constructor<?> constructor = loader.loadClass(name).getDeclaredConstructor(parameterTypes);
      constructor.setAccessible(true);
      return api.cast(constructor.newInstance(args));
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static URL location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toUri().toURL();
    } catch (URISyntaxException | MalformedURLException e) {
      throw new AssertionError(e);
    }
  }
}
