package io.github.capacity.runner;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds plugin jars for tests: compiles Java sources with the JDK's compiler and jars them. */
final class PluginJars {
  private PluginJars() {}

  /** A jar of one {@code TestType} named {@code name}, in package {@code pkg}, with its services file. */
  static Path testType(Path jar, String pkg, String name) throws IOException {
    return testType(jar, pkg, "\"" + name + "\"", "");
  }

  /**
   * A jar of one {@code TestType} whose {@code name()} returns the Java expression {@code name}
   * and that has {@code members} besides (an {@code apiVersion()} of its own, say).
   */
  static Path testType(Path jar, String pkg, String name, String members) throws IOException {
    String source = "package " + pkg + ";\n"
        + "import io.github.capacity.api.*;\n"
        + "public final class EchoTestType implements TestType {\n"
        + "  public String name() { return " + name + "; }\n"
        + members + "\n"
        + "  public PreparedTest prepare(Definition d, TestContext c) throws InvalidDefinitionException {\n"
        + "    String word = d.string(\"word\");\n"
        + "    if (word.isEmpty()) throw d.error(\"word\", \"is empty, expected a word\");\n"
        + "    return new PreparedTest() {\n"
        + "      public Execution start(String testName, java.util.function.Consumer<Outcome> done) {\n"
        + "        done.accept(Outcome.ok(0, word.length()));\n"
        + "        return () -> { };\n"
        + "      }\n"
        + "      public void close() { }\n"
        + "    };\n"
        + "  }\n"
        + "}\n";
    return jar(jar, Map.of(pkg.replace('.', '/') + "/EchoTestType.java", source),
        Map.of("META-INF/services/io.github.capacity.api.TestType", pkg + ".EchoTestType\n"),
        System.getProperty("java.class.path"));
  }

  /**
   * Compiles every {@code .java} file under {@code sourceRoot} against {@code classPath} and jars
   * the classes with every other file under {@code resourceRoot}.
   */
  static Path fromFolders(Path jar, Path sourceRoot, Path resourceRoot, String classPath)
      throws IOException {
    Map<String, String> sources = new java.util.TreeMap<>();
    Map<String, String> resources = new java.util.TreeMap<>();
    read(sourceRoot, sources);
    if (Files.isDirectory(resourceRoot)) {
      read(resourceRoot, resources);
    }
    return jar(jar, sources, resources, classPath);
  }

  private static void read(Path root, Map<String, String> into) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        into.put(root.relativize(file).toString().replace('\\', '/'), Files.readString(file));
      }
    }
  }

  static Path jar(Path jar, Map<String, String> sources, Map<String, String> resources,
      String classPath) throws IOException {
    Path work = Files.createTempDirectory("plugin-src");
    try {
      Path classes = Files.createDirectories(work.resolve("classes"));
      List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", classPath,
          "--release", "17", "-nowarn"));
      for (Map.Entry<String, String> source : sources.entrySet()) {
        Path file = work.resolve("src").resolve(source.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, source.getValue());
        args.add(file.toString());
      }
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      if (!sources.isEmpty() && javac.run(null, null, null, args.toArray(String[]::new)) != 0) {
        throw new IllegalStateException("the plugin sources did not compile: " + sources.keySet());
      }
      Files.createDirectories(jar.toAbsolutePath().getParent());
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
          Stream<Path> files = Files.walk(classes)) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          put(out, classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
        }
        for (Map.Entry<String, String> resource : resources.entrySet()) {
          put(out, resource.getKey(), resource.getValue().getBytes(StandardCharsets.UTF_8));
        }
      }
    } finally {
      Folders.deleteTree(work);
    }
    return jar;
  }

  private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
    out.putNextEntry(new JarEntry(name));
    OutputStream entry = out;
    entry.write(bytes);
    out.closeEntry();
  }
}
