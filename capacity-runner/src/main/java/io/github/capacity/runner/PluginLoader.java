package io.github.capacity.runner;

import io.github.capacity.api.MetricsDestination;
import io.github.capacity.api.TestType;
import io.github.capacity.core.PluginCalls;
import io.github.capacity.core.PluginClassLoader;
import io.github.capacity.core.PluginCompatibility;
import io.github.capacity.core.config.FileTrust;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds plugins with {@link ServiceLoader}: first on the runner's own class path (the built-in
 * {@code http} test type and the destinations), then in {@code plugins.dir}. Each {@code *.jar}
 * directly in that folder gets a class loader of its own, and so does each sub-folder (all its
 * jars together, for a plugin that brings libraries), with the runner's loader as parent; so one
 * broken jar cannot hide the others.
 *
 * <p>Modelled on SLF4J's {@code LoggerFactory}: every {@link ServiceConfigurationError} is caught
 * per provider and reported with the jar it came from. A provider whose {@code name()} fails, or
 * that does not fit this API ({@link PluginCompatibility}: built for a newer API, lacking a method)
 * is refused with its jar. Two providers claiming one name are both refused, each named with its
 * jar: which one would win must not depend on file names.
 */
final class PluginLoader {
  private static final int MAX_ERRORS_PER_LOADER = 20;

  private final ClassLoader parent;
  private final List<String> problems = new ArrayList<>();
  private final Map<String, TestType> testTypes = new LinkedHashMap<>();
  private final Map<String, MetricsDestination> destinations = new LinkedHashMap<>();
  /** Each name claimed more than once, with every claimant, for the refusal. */
  private final Map<String, List<Object>> claimedTwice = new LinkedHashMap<>();

  private PluginLoader(ClassLoader parent) {
    this.parent = parent;
  }

  /** Loads everything; {@code pluginsDir} may be {@code null} or missing. Never throws. */
  static Plugins load(ClassLoader parent, Path pluginsDir) {
    return load(parent, pluginsDir, FileTrust.STRICT);
  }

  /**
   * As {@link #load(ClassLoader, Path)}; a plugins folder, jar or sub-folder that {@code trust}
   * refuses is reported and not loaded: its code would run as the cron user.
   */
  static Plugins load(ClassLoader parent, Path pluginsDir, FileTrust trust) {
    PluginLoader loader = new PluginLoader(parent);
    loader.scan(parent, null);
    String untrustedDir = pluginsDir == null ? null : trust.problem(pluginsDir);
    if (untrustedDir != null) {
      loader.problems.add(pluginsDir + ": " + untrustedDir + "; no plugin loaded from it");
      return new Plugins(loader.testTypes, loader.destinations, loader.problems);
    }
    for (Path unit : loader.pluginUnits(pluginsDir)) {
      String untrusted = untrusted(unit, trust);
      if (untrusted != null) {
        loader.problems.add(untrusted + "; this plugin is not loaded");
      } else {
        loader.scanUnit(unit);
      }
    }
    loader.refuseDuplicates();
    return new Plugins(loader.testTypes, loader.destinations, loader.problems);
  }

  /** The first jar or folder of {@code unit} that {@code trust} refuses, as a message. */
  private static String untrusted(Path unit, FileTrust trust) {
    List<Path> parts = new ArrayList<>(List.of(unit));
    if (Files.isDirectory(unit)) {
      try (Stream<Path> jars = Files.list(unit)) {
        jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(parts::add);
      } catch (IOException e) {
        return null; // scanUnit reports it
      }
    }
    for (Path part : parts) {
      String problem = trust.problem(part);
      if (problem != null) {
        return part + ": " + problem;
      }
    }
    return null;
  }

  private List<Path> pluginUnits(Path pluginsDir) {
    if (pluginsDir == null || !Files.isDirectory(pluginsDir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(pluginsDir)) {
      return entries
          .filter(p -> Files.isDirectory(p) || p.getFileName().toString().endsWith(".jar"))
          .sorted()
          .toList();
    } catch (IOException e) {
      problems.add(pluginsDir + ": cannot list the plugins folder (plugins.dir): " + e.getMessage());
      return List.of();
    }
  }

  private void scanUnit(Path unit) {
    try {
      List<URL> urls = new ArrayList<>();
      if (Files.isDirectory(unit)) {
        try (Stream<Path> jars = Files.list(unit)) {
          for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
            urls.add(readableJar(jar));
          }
        }
      } else {
        urls.add(readableJar(unit));
      }
      // A PluginClassLoader: by it the engine tells a plugin's code, whose starts it hands over.
      URLClassLoader loader = new PluginClassLoader(
          "plugin:" + unit.getFileName(), urls.toArray(URL[]::new), parent);
      scan(loader, unit);
    } catch (IOException | RuntimeException | LinkageError e) {
      problems.add(unit + ": cannot load this plugin: " + e.getMessage());
    }
  }

  /**
   * The jar's URL once it opened as a zip: a class loader silently skips a jar it cannot read,
   * which would hide a broken plugin.
   */
  private static URL readableJar(Path jar) throws IOException {
    try (JarFile opened = new JarFile(jar.toFile())) {
      opened.getManifest();
    } catch (IOException e) {
      throw new IOException("not a readable jar (" + e.getMessage() + ")", e);
    }
    return jar.toUri().toURL();
  }

  /** Scans one loader; with {@code unit} set, only providers defined by that loader count. */
  private void scan(ClassLoader loader, Path unit) {
    collect(TestType.class, loader, unit, "test type", TestType::name, PluginCompatibility::check,
        testTypes);
    collect(MetricsDestination.class, loader, unit, "destination", MetricsDestination::name,
        PluginCompatibility::check, destinations);
  }

  private <T> void collect(Class<T> service, ClassLoader loader, Path unit, String kind,
      Function<T, String> nameOf, Function<T, String> compatibility, Map<String, T> found) {
    Iterator<ServiceLoader.Provider<T>> providers;
    try {
      providers = ServiceLoader.load(service, loader).stream().iterator();
    } catch (ServiceConfigurationError e) {
      problems.add(where(unit) + "cannot list " + kind + " plugins: " + e.getMessage());
      return;
    }
    int errors = 0;
    while (errors < MAX_ERRORS_PER_LOADER) {
      try {
        if (!providers.hasNext()) {
          return;
        }
        ServiceLoader.Provider<T> provider = providers.next();
        if (unit != null && provider.type().getClassLoader() != loader) {
          continue; // found through the parent: already counted with the class path
        }
        T plugin = provider.get();
        String name = nameOf.apply(plugin);
        if (name == null) {
          throw new IllegalStateException(PluginCalls.describe(plugin) + " returned null from name()");
        }
        String incompatible = compatibility.apply(plugin);
        if (incompatible != null) {
          errors++;
          problems.add(where(unit) + kind + " \"" + name + "\" " + incompatible);
          continue;
        }
        T previous = found.putIfAbsent(name, plugin);
        if (previous != null) {
          claimedTwice.computeIfAbsent(kind + " \"" + name + "\"", k -> new ArrayList<>(List.of(previous)))
              .add(plugin);
        }
      } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
        errors++;
        problems.add(where(unit) + "a " + kind + " plugin failed to load: " + e.getMessage()
            + (e.getCause() != null ? " (" + e.getCause() + ")" : ""));
      }
    }
  }

  /** Drops every name claimed twice, naming each claimant and its jar. */
  private void refuseDuplicates() {
    claimedTwice.forEach((kindAndName, claimants) -> {
      List<String> by = new ArrayList<>();
      for (Object plugin : claimants) {
        by.add(plugin.getClass().getName() + " in " + jarOf(plugin.getClass()));
      }
      problems.add(kindAndName + " is provided " + claimants.size() + " times: by "
          + String.join(" and by ", by) + "; none of them is used until only one jar provides it");
      String name = kindAndName.substring(kindAndName.indexOf('"') + 1, kindAndName.length() - 1);
      (kindAndName.startsWith("test type") ? testTypes : destinations).remove(name);
    });
  }

  private static String where(Path unit) {
    return unit == null ? "" : unit + ": ";
  }

  /** The jar (or folder) a class was loaded from, as a path when it is a file. */
  static String jarOf(Class<?> type) {
    return PluginCalls.jarOf(type);
  }

}
