package io.github.capacity.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.core.config.ConfigSource;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever an operator (or a broken disk) puts in a file, the parsers answer with lines and
 * errors, never with an exception; and no line is reported twice.
 */
class ParsersNeverThrowTest {
  private static final List<String> LINE_FRAGMENTS = List.of(
      "shop", "a.b", ".x", "x..y", "y.", "http", "file", "60", "0", "-1", "abc", "1.5",
      "99999999999999999999", "3000000", "3000001", "|", "|", "|", "|", " ", "\t", "#", " #", "\r",
      "\n", "\r\n", "\uFEFF", "é", "\u0000", "\uD83D\uDE00", "x".repeat(120));

  private static final List<String> JSON_FRAGMENTS = List.of(
      "{", "}", "[", "]", ":", ",", ",", "\"a\"", "\"type\"", "\"http\"", "\"a.b\"", "\"x y\"",
      "1", "-2.5e3", "12345678901234567890", "true", "null", "\"", "\\", "\n", " ", "//", "/*",
      "\"type\": \"http\"", "{\"type\": \"t\"}", "\uFEFF", "é", "\u0000");

  private static final List<String> SETTINGS_FRAGMENTS = List.of(
      "config.path", "max_in_flight", "max.instances", "catch_up", "catch_up.max_factor",
      "drain.timeout", "metrics.required", "host", "unknown", "=", "=", " ", "\n", "\n", "#", "!",
      "10s", "500ms", "1m", "99999999999m", "spread", "skip", "true", "2", "1.5", "0", "abc",
      "\u0000", "\\", "é");

  @Property(tries = 500)
  void linesParserAnswersAnyString(@ForAll String text) {
    assertOneOutcomePerLine(ConfigFiles.parse("any.conf", text));
  }

  @Property(tries = 500)
  void linesParserAnswersLinesBuiltFromFieldFragments(@ForAll("confText") String text) {
    assertOneOutcomePerLine(ConfigFiles.parse("fragments.conf", text));
  }

  @Property(tries = 500)
  void linesParserAnswersAnyBytes(@ForAll byte[] bytes) {
    assertOneOutcomePerLine(ConfigFiles.parse("bytes.conf", bytes));
  }

  @Property(tries = 500)
  void definitionsParserAnswersJsonIshText(@ForAll("jsonText") String json) {
    DefinitionsFile file = DefinitionsFile.parse("tests.json", json);

    assertThat(file.errors()).allSatisfy(error -> assertThat(error.line()).isNotNegative());
    assertThat(file.definitions().values()).allSatisfy(d -> assertThat(d.type()).isNotBlank());
    assertThat(file.lineOf("a.type.x[3]")).isNotNegative();
  }

  @Property(tries = 200)
  void definitionsParserAnswersAnyString(@ForAll String json) {
    assertThat(DefinitionsFile.parse("tests.json", json).errors()).isNotNull();
  }

  @Property(tries = 500)
  void definitionsParserAnswersAnyBytes(@ForAll byte[] bytes) {
    DefinitionsFile file = DefinitionsFile.parse("tests.json", bytes);

    assertThat(file.errors()).allSatisfy(error -> assertThat(error.line()).isNotNegative());
  }

  @Property(tries = 500)
  void settingsParserReturnsOrThrowsOnlyConfigException(@ForAll("settingsText") String text) {
    try {
      Settings settings = SettingsParser.parse("capacity.properties", text, Path.of("/etc/capacity"),
          Path.of("/opt/capacity"));
      assertThat(settings.maxInFlight()).isBetween(1, 100_000);
    } catch (ConfigException e) {
      assertThat(e.errors()).isNotEmpty().allSatisfy(error -> assertThat(error.line()).isPositive());
    }
  }

  @Provide
  Arbitrary<String> confText() {
    return fragments(LINE_FRAGMENTS, 40);
  }

  @Provide
  Arbitrary<String> jsonText() {
    return fragments(JSON_FRAGMENTS, 60);
  }

  @Provide
  Arbitrary<String> settingsText() {
    return fragments(SETTINGS_FRAGMENTS, 40);
  }

  private static Arbitrary<String> fragments(List<String> fragments, int maxCount) {
    return Arbitraries.of(fragments).list().ofMaxSize(maxCount).map(list -> String.join("", list));
  }

  private static void assertOneOutcomePerLine(ConfigSource.Snapshot snapshot) {
    Set<Integer> seen = new HashSet<>();
    snapshot.lines().forEach(line -> assertThat(seen.add(line.line())).as(line.where()).isTrue());
    snapshot.errors().forEach(error -> assertThat(seen.add(error.line())).as(error.toString()).isTrue());
    assertThat(seen).allSatisfy(line -> assertThat(line).isPositive());
  }
}
