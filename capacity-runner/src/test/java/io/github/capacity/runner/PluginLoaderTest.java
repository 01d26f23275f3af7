package io.github.capacity.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.ApiVersion;
import io.github.capacity.core.PluginClassLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLoaderTest {
  @TempDir Path plugins;

  private final ClassLoader runner = PluginLoaderTest.class.getClassLoader();

  @Test
  void findsATestTypeInAJarOfThePluginsFolder() throws IOException {
    PluginJars.testType(plugins.resolve("echo.jar"), "com.example.echo", "echo");

    Plugins found = PluginLoader.load(runner, plugins);

    assertThat(found.problems()).isEmpty();
    assertThat(found.testTypes()).containsKey("echo");
    assertThat(PluginLoader.jarOf(found.testTypes().get("echo").getClass()))
        .isEqualTo(plugins.resolve("echo.jar").toString());
    // By its loader the engine knows it for a plugin, whose starts must not hold the scheduler.
    assertThat(found.testTypes().get("echo").getClass().getClassLoader())
        .isInstanceOf(PluginClassLoader.class);
  }

  @Test
  void findsAPluginMadeOfSeveralJarsInASubFolder() throws IOException {
    PluginJars.testType(plugins.resolve("echo").resolve("echo-plugin.jar"), "com.example.sub", "sub");

    Plugins found = PluginLoader.load(runner, plugins);

    assertThat(found.problems()).isEmpty();
    assertThat(found.testTypes()).containsKey("sub");
  }

  @Test
  void twoJarsClaimingOneNameAreBothRefusedEachNamedWithItsJar() throws IOException {
    Path first = PluginJars.testType(plugins.resolve("a-echo.jar"), "com.example.a", "echo");
    Path second = PluginJars.testType(plugins.resolve("b-echo.jar"), "com.example.b", "echo");
    PluginJars.testType(plugins.resolve("c-other.jar"), "com.example.c", "other");

    Plugins found = PluginLoader.load(runner, plugins);

    assertThat(found.testTypes()).containsKey("other").doesNotContainKey("echo");
    assertThat(found.problems()).containsExactly("test type \"echo\" is provided 2 times: by "
        + "com.example.a.EchoTestType in " + first + " and by com.example.b.EchoTestType in " + second
        + "; none of them is used until only one jar provides it");
  }

  @Test
  void aPluginBuiltForANewerApiIsRefusedNamingItsJarItsVersionAndOurs() throws IOException {
    Path jar = PluginJars.testType(plugins.resolve("future.jar"), "com.example.future", "\"future\"",
        "public String apiVersion() { return \"1.9\"; }");

    Plugins found = PluginLoader.load(runner, plugins);

    assertThat(found.testTypes()).doesNotContainKey("future");
    assertThat(found.problems()).containsExactly(jar + ": test type \"future\""
        + " com.example.future.EchoTestType (in " + jar + "): it is built for capacity API 1.9, newer"
        + " than this runtime's " + ApiVersion.CURRENT + "; upgrade the runtime or use a build of the"
        + " plugin for " + ApiVersion.CURRENT + "; refused");
  }

  @Test
  void aPluginOfAnotherMajorApiIsRefused() throws IOException {
    Path jar = PluginJars.testType(plugins.resolve("old.jar"), "com.example.old", "\"old\"",
        "public String apiVersion() { return \"0.3\"; }");

    Plugins found = PluginLoader.load(runner, plugins);

    assertThat(found.testTypes()).doesNotContainKey("old");
    assertThat(found.problems()).singleElement().asString().startsWith(jar + ": test type \"old\" ")
        .contains("it is built for capacity API 0.3, another major version than this runtime's "
            + ApiVersion.CURRENT);
  }

  @Test
  void aPluginBuiltAgainstAnOlderApiThatLacksAMethodIsRefusedAtLoad() throws IOException {
    // Compiled against an older MetricsDestination whose open() took the definition only.
    String olderApi = "package io.github.capacity.api;\n"
        + "public interface MetricsDestination {\n"
        + "  String name();\n"
        + "  MetricsSink open(Definition definition) throws InvalidDefinitionException;\n"
        + "}\n";
    String plugin = "package com.example.legacy;\n"
        + "import io.github.capacity.api.*;\n"
        + "public final class LegacyDestination implements MetricsDestination {\n"
        + "  public String name() { return \"legacy\"; }\n"
        + "  public MetricsSink open(Definition definition) { return null; }\n"
        + "}\n";
    Path jar = PluginJars.jar(plugins.resolve("legacy.jar"),
        java.util.Map.of("io/github/capacity/api/MetricsDestination.java", olderApi,
            "com/example/legacy/LegacyDestination.java", plugin),
        java.util.Map.of("META-INF/services/io.github.capacity.api.MetricsDestination",
            "com.example.legacy.LegacyDestination\n"),
        System.getProperty("java.class.path"));

    Plugins found = PluginLoader.load(runner, plugins);

    assertThat(found.destinations()).doesNotContainKey("legacy");
    assertThat(found.problems()).containsExactly(jar + ": destination \"legacy\""
        + " com.example.legacy.LegacyDestination (in " + jar + ") lacks MetricsDestination.open(),"
        + " which capacity API " + ApiVersion.CURRENT + " requires (it says it is built for API "
        + ApiVersion.BASELINE + "); refused");
  }

  @Test
  void aPluginWithoutANameIsRefusedNamingItsJar() throws IOException {
    Path jar = PluginJars.testType(plugins.resolve("nameless.jar"), "com.example.nameless", "null", "");

    Plugins found = PluginLoader.load(runner, plugins);

    assertThat(found.problems()).singleElement().asString()
        .startsWith(jar + ": a test type plugin failed to load: com.example.nameless.EchoTestType (in "
            + jar + ") returned null from name()");
  }

  @Test
  void aBrokenJarIsReportedAndTheOthersStillLoad() throws IOException {
    Path broken = plugins.resolve("broken.jar");
    Files.writeString(broken, "this is not a zip file");
    PluginJars.testType(plugins.resolve("good.jar"), "com.example.good", "good");

    Plugins found = PluginLoader.load(runner, plugins);

    assertThat(found.testTypes()).containsKey("good");
    assertThat(found.problems()).hasSize(1);
    assertThat(found.problems().get(0)).startsWith(broken + ": ");
  }

  @Test
  void aServicesFileNamingAMissingClassIsReportedWithItsJar() throws IOException {
    Path jar = PluginJars.jar(plugins.resolve("missing.jar"), java.util.Map.of(),
        java.util.Map.of("META-INF/services/io.github.capacity.api.TestType", "com.example.Missing\n"),
        System.getProperty("java.class.path"));
    PluginJars.testType(plugins.resolve("ok.jar"), "com.example.ok", "ok");

    Plugins found = PluginLoader.load(runner, plugins);

    assertThat(found.testTypes()).containsKey("ok");
    assertThat(found.problems()).singleElement().asString()
        .startsWith(jar + ": a test type plugin failed to load: ")
        .contains("com.example.Missing");
  }

  @Test
  void aMissingPluginsFolderIsNoProblem() {
    Plugins found = PluginLoader.load(runner, plugins.resolve("absent"));

    assertThat(found.problems()).isEmpty();
  }
}
