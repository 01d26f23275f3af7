package io.github.capacity.core;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * The class loader of one plugin: a jar of {@code plugins.dir}, or a folder of jars. What it
 * defines is a plugin's code, which the engine calls where a call that blocks holds that plugin
 * only: a test type's {@code start} runs on a thread of the test's own. Code on the engine's class
 * path (the built-in {@code http} type, an embedding application's own types) is called on the
 * scheduler thread, with no hand-off on the hot path.
 *
 * <p>A plain {@link URLClassLoader} otherwise; thread safe.
 */
public final class PluginClassLoader extends URLClassLoader {
  static {
    ClassLoader.registerAsParallelCapable();
  }

  /** As {@link URLClassLoader#URLClassLoader(String, URL[], ClassLoader)}. */
  public PluginClassLoader(String name, URL[] urls, ClassLoader parent) {
    super(name, urls, parent);
  }

  /** Whether {@code code} was defined by a plugin's class loader. */
  static boolean defined(Object code) {
    return code.getClass().getClassLoader() instanceof PluginClassLoader;
  }
}
