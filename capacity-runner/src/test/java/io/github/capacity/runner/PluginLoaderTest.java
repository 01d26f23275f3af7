package io.github.capacity.runner;

import static org.assertj.core.api.Assertions.assertThat;

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
  }

  @Test
  void findsAPluginMadeOfSeveralJarsInASubFolder() throws IOException {
    PluginJars.testType(plugins.resolve("echo").resolve("echo-plugin.jar"), "com.example.sub", "sub");

    Plugins found = PluginLoader.load(runner, plugins);

    assertThat(found.problems()).isEmpty();
    assertThat(found.testTypes()).containsKey("sub");
  }

  @Test
  void twoJarsClaimingOneNameAreBothNamedAndTheFirstIsKept() throws IOException {
    Path first = PluginJars.testType(plugins.resolve("a-echo.jar"), "com.example.a", "echo");
    Path second = PluginJars.testType(plugins.resolve("b-echo.jar"), "com.example.b", "echo");

    Plugins found = PluginLoader.load(runner, plugins);

    assertThat(found.testTypes().get("echo").getClass().getName()).isEqualTo("com.example.a.EchoTestType");
    assertThat(found.problems()).containsExactly("test type \"echo\" is provided twice: by "
        + "com.example.a.EchoTestType in " + first + " and by com.example.b.EchoTestType in " + second
        + "; using the first, remove the other jar");
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
