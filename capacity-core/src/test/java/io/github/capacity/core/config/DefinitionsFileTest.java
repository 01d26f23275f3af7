package io.github.capacity.core.config;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.Definition;
import io.github.capacity.api.InvalidDefinitionException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefinitionsFileTest {
  private static final String TESTS_JSON = String.join("\n",
      "{",
      "  \"homepage\": {",
      "    \"type\": \"http\",",
      "    \"url\": \"https://shop.example/\",",
      "    \"method\": \"GET\",",
      "    \"timeout\": \"5s\",",
      "    \"expect\": {",
      "      \"status\": [\"2xx\", 304]",
      "    }",
      "  },",
      "  \"shop.search\": {\"type\": \"http\", \"retries\": 2.5, \"big\": 12345678901234567890,",
      "                  \"tls\": false, \"proxy\": null, \"headers\": [{\"a\": \"b\"}]}",
      "}");

  @TempDir Path dir;

  @Test
  void eachEntryBecomesADefinitionWithPlainJavaSettings() {
    DefinitionsFile file = DefinitionsFile.parse("tests.json", TESTS_JSON);

    assertThat(file.errors()).isEmpty();
    assertThat(file.definitions()).containsOnlyKeys("homepage", "shop.search");
    Definition homepage = file.definitions().get("homepage");
    assertThat(homepage.source()).isEqualTo("tests.json");
    assertThat(homepage.path()).isEqualTo("homepage");
    assertThat(homepage.type()).isEqualTo("http");
    assertThat(homepage.settings()).containsExactly(
        Map.entry("url", "https://shop.example/"),
        Map.entry("method", "GET"),
        Map.entry("timeout", "5s"),
        Map.entry("expect", Map.of("status", List.of("2xx", 304))));
    Map<String, Object> search = new LinkedHashMap<>();
    search.put("retries", 2.5);
    search.put("big", new BigInteger("12345678901234567890"));
    search.put("tls", false);
    search.put("proxy", null);
    search.put("headers", List.of(Map.of("a", "b")));
    assertThat(file.definitions().get("shop.search").settings()).isEqualTo(search);
  }

  @Test
  void definitionsKeepTheFileOrder() {
    DefinitionsFile file = DefinitionsFile.parse("tests.json",
        "{\"z\": {\"type\": \"t\"}, \"a\": {\"type\": \"t\"}, \"m\": {\"type\": \"t\"}}");

    assertThat(file.definitions().keySet()).containsExactly("z", "a", "m");
  }

  @Test
  void everyJsonPathKnowsItsLine() {
    DefinitionsFile file = DefinitionsFile.parse("tests.json", TESTS_JSON);

    assertThat(file.lineOf("homepage")).isEqualTo(2);
    assertThat(file.lineOf("homepage.type")).isEqualTo(3);
    assertThat(file.lineOf("homepage.url")).isEqualTo(4);
    assertThat(file.lineOf("homepage.expect")).isEqualTo(7);
    assertThat(file.lineOf("homepage.expect.status")).isEqualTo(8);
    assertThat(file.lineOf("homepage.expect.status[1]")).isEqualTo(8);
    assertThat(file.lineOf("shop.search")).isEqualTo(11);
    assertThat(file.lineOf("shop.search.tls")).isEqualTo(12);
    assertThat(file.lineOf("shop.search.headers[0].a")).isEqualTo(12);
  }

  @Test
  void anUnknownPathTakesTheLineOfItsNearestKnownAncestor() {
    DefinitionsFile file = DefinitionsFile.parse("tests.json", TESTS_JSON);

    assertThat(file.lineOf("homepage.expect.body")).isEqualTo(7);
    assertThat(file.lineOf("homepage.expect.status[7].x")).isEqualTo(8);
    assertThat(file.lineOf("homepage.headers.accept")).isEqualTo(2);
    assertThat(file.lineOf("checkout.url")).isZero();
    assertThat(file.lineOf("")).isZero();
  }

  @Test
  void aPluginsErrorIsPlacedOnItsLine() throws Exception {
    DefinitionsFile file = DefinitionsFile.parse("tests.json", TESTS_JSON);
    Definition homepage = file.definitions().get("homepage");

    InvalidDefinitionException e = homepage.section("expect").error("status", "\"2xx\" is fine, 304 is not");

    assertThat(file.errorFor(e)).hasToString(
        "tests.json:8: homepage.expect.status: \"2xx\" is fine, 304 is not");
    assertThat(file.errorFor(homepage.error("body", "is missing, expected a string")))
        .hasToString("tests.json:2: homepage.body: is missing, expected a string");
  }

  @Test
  void everyBadEntryIsReportedAndTheOthersStillLoad() {
    DefinitionsFile file = DefinitionsFile.parse("destinations.json", String.join("\n",
        "{",
        "  \"graphite\": {\"type\": \"graphite\", \"host\": \"10.0.0.1\"},",
        "  \"none\": \"graphite\",",
        "  \"untyped\": {\"host\": \"x\"},",
        "  \"statsd\": {\"type\": \"statsd\"},",
        "  \"typed\": {",
        "    \"type\": [\"statsd\"]",
        "  }",
        "}"));

    assertThat(file.definitions()).containsOnlyKeys("graphite", "statsd");
    assertThat(file.errors()).extracting(ConfigError::toString).containsExactly(
        "destinations.json:3: none: is a string of 8 characters, expected an object with \"type\" and its settings,"
            + " such as {\"type\": \"http\", \"url\": \"...\"}",
        "destinations.json:4: untyped: has no \"type\", expected the name of a plugin such as \"http\"",
        "destinations.json:7: typed.type: is a list, expected the name of a plugin such as \"http\"");
  }

  @Test
  void duplicateKeysAreErrorsAtAnyDepth() {
    DefinitionsFile file = DefinitionsFile.parse("tests.json", String.join("\n",
        "{\"a\": {\"type\": \"http\", \"expect\": {\"status\": 200,",
        "                                 \"status\": 204}},",
        " \"a.expect\": {\"type\": \"http\"},",
        " \"b\": {\"type\": \"http\"}}"));

    assertThat(file.definitions()).containsOnlyKeys("a.expect", "b");
    assertThat(file.errors()).extracting(ConfigError::toString).containsExactly(
        "tests.json:2: a.expect.status: is given twice, first at line 1, expected each key once");
  }

  @Test
  void aTopLevelThatIsNotAnObjectIsOneError() {
    DefinitionsFile file = DefinitionsFile.parse("tests.json", "\n[{\"type\": \"http\"}]");

    assertThat(file.definitions()).isEmpty();
    assertThat(file.errors()).extracting(ConfigError::toString).containsExactly(
        "tests.json:2: the top level is a list, expected an object of named entries such as"
            + " {\"homepage\": {\"type\": \"http\"}}");
  }

  @Test
  void contentAfterTheTopLevelObjectIsAnError() {
    DefinitionsFile file = DefinitionsFile.parse("tests.json", "{\"a\": {\"type\": \"http\"}}\n{}");

    assertThat(file.definitions()).containsOnlyKeys("a");
    assertThat(file.errors()).extracting(ConfigError::toString).containsExactly(
        "tests.json:2: an object after the top-level object, expected the end of the file");
  }

  @Test
  void aFileThatEndsTooEarlyKeepsTheEntriesBeforeIt() {
    DefinitionsFile file = DefinitionsFile.parse("tests.json",
        "{\n\"a\": {\"type\": \"http\"},\n\"b\": {\"type\": \"http\",\n");

    assertThat(file.definitions()).containsOnlyKeys("a");
    assertThat(file.errors()).extracting(ConfigError::toString).containsExactly(
        "tests.json:4: invalid JSON at column 1: the file ends too early, expected the rest of the"
            + " document (a closing }, ] or \")");
  }

  @Test
  void emptyTextAndAByteOrderMarkAreFine() {
    assertThat(DefinitionsFile.parse("tests.json", "  \n").errors()).isEmpty();
    assertThat(DefinitionsFile.parse("tests.json", "\uFEFF{\"a\": {\"type\": \"t\"}}").definitions())
        .containsOnlyKeys("a");
  }

  @Test
  void aMissingFileHasNoDefinitionsAndNoErrors() {
    DefinitionsFile file = DefinitionsFile.read(dir.resolve("tests.json"));

    assertThat(file.definitions()).isEmpty();
    assertThat(file.errors()).isEmpty();
  }

  @Test
  void aFileOnDiskIsNamedAsGiven() throws IOException {
    Path path = Files.writeString(dir.resolve("tests.json"), TESTS_JSON.replace("304]", "304,]"));

    DefinitionsFile file = DefinitionsFile.read(path);

    assertThat(file.source()).isEqualTo(path.toString());
    assertThat(file.errors()).extracting(ConfigError::toString).containsExactly(path
        + ":8: invalid JSON at column 29: unexpected ']', expected a value (a comma too many before it?)");
  }

  @Test
  void bytesThatAreNotUtf8AreASyntaxErrorOnTheirLine() throws IOException {
    byte[] bytes = "{\"a\": {\"type\": \"t\"},\n\"b\": {\"type\": \"X\"}}".getBytes(UTF_8);
    bytes[bytes.length - 4] = (byte) 0xFF;
    Path path = Files.write(dir.resolve("tests.json"), bytes);

    DefinitionsFile file = DefinitionsFile.read(path);

    assertThat(file.definitions()).containsOnlyKeys("a");
    assertThat(file.errors()).singleElement().satisfies(error -> {
      assertThat(error.line()).isEqualTo(2);
      assertThat(error.message()).matches(
          "invalid JSON at column \\d+: bytes that are not UTF-8 text, expected a UTF-8 file");
    });
  }

  @Test
  void noValueOfTheFileIsRepeatedInAnError() {
    DefinitionsFile file = DefinitionsFile.parse("tests.json", "{\n"
        + "  \"shop\": \"https://admin:hunter2@shop.example/\",\n"
        + "  \"api\": {\"type\": \"http\", \"token\": sk_live_4242}\n"
        + "}\n");

    assertThat(file.errors()).extracting(ConfigError::toString).isNotEmpty()
        .noneMatch(error -> error.contains("hunter2") || error.contains("sk_live"));
  }
}
