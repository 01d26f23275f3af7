package io.github.capacity.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.capacity.core.config.ConfigSource;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One malformed line at a time, always on line 3 of an otherwise valid file: each gives exactly
 * one error naming the file and the line, and the valid content around it still comes back.
 */
class MalformedInputTest {

  static Stream<Arguments> malformed() {
    return Stream.of(
        // configuration lines
        conf("shop|http|60",
            "found 3 fields, expected 4 separated by '|': test_name|test_type|test_frequency|metrics_destination"),
        conf("shop|http|60|file|extra",
            "found 5 fields, expected 4 separated by '|': test_name|test_type|test_frequency|metrics_destination"),
        conf("shop",
            "found 1 field, expected 4 separated by '|': test_name|test_type|test_frequency|metrics_destination"),
        conf("|http|60|file", "test_name is empty, expected 1 to 100 letters, digits, '_', '-' or '.'"),
        conf("shop| |60|file", "test_type is empty, expected 1 to 100 letters, digits, '_', '-' or '.'"),
        conf("shop|http||file",
            "test_frequency is empty, expected executions per minute such as 60, from 1 to 3000000"),
        conf("shop|http|60|",
            "metrics_destination is empty, expected 1 to 100 letters, digits, '_', '-' or '.'"),
        conf("shop|http|abc|file",
            "test_frequency \"abc\" is not a number, expected executions per minute such as 60"),
        conf("shop|http|1.5|file",
            "test_frequency \"1.5\" is not a number, expected executions per minute such as 60"),
        conf("shop|http|0|file",
            "test_frequency is 0, expected 1 to 3000000 executions per minute; to stop the test, remove the line"),
        conf("shop|http|-5|file",
            "test_frequency -5 is negative, expected executions per minute such as 60, from 1 to 3000000"),
        conf("shop|http|3000001|file",
            "test_frequency 3000001 is above the limit of 3000000 executions per minute,"
                + " expected executions per minute such as 60, from 1 to 3000000"),
        conf("shop|http|99999999999999999999|file",
            "test_frequency 99999999999999999999 is above the limit of 3000000 executions per minute,"
                + " expected executions per minute such as 60, from 1 to 3000000"),
        conf("shop home|http|60|file",
            "test_name \"shop home\" has the character ' ' (a space), expected letters, digits, '_', '-' and '.' only"),
        conf("shop/home|http|60|file",
            "test_name \"shop/home\" has the character '/', expected letters, digits, '_', '-' and '.' only"),
        conf("shöp|http|60|file",
            "test_name \"shöp\" has the character 'ö', expected letters, digits, '_', '-' and '.' only"),
        conf("shop\u0007|http|60|file",
            "test_name \"shop\\u0007\" has the character U+0007, expected letters, digits, '_', '-' and '.' only"),
        conf(".shop|http|60|file",
            "test_name \".shop\" starts with a dot, expected dots only between parts such as shop.home"),
        conf("shop.|http|60|file",
            "test_name \"shop.\" ends with a dot, expected dots only between parts such as shop.home"),
        conf("shop..home|http|60|file",
            "test_name \"shop..home\" has two dots in a row, expected dots only between parts such as shop.home"),
        conf("x".repeat(101) + "|http|60|file", "test_name is 101 characters long, expected at most 100"),
        conf("shop|ht:tp|60|file",
            "test_type \"ht:tp\" has the character ':', expected letters, digits, '_', '-' and '.' only"),
        conf("shop|http|60|file#note",
            "metrics_destination \"file#note\" has the character '#', expected letters, digits, '_', '-' and '.' only"),
        conf("good.before|http|5|file",
            "test_name \"good.before\" is already defined at shop.conf:2, expected each test_name once"
                + " (this line is ignored)"),
        conf("# " + "x".repeat(1100), "line is 1102 characters long, expected at most 1024"),
        // capacity.properties
        properties("max_in_flight = abc",
            "max_in_flight \"abc\" is not a whole number, expected a whole number from 1 to 100000"),
        properties("max_in_flight = 0",
            "max_in_flight 0 is out of range, expected a whole number from 1 to 100000"),
        properties("catch_up = fast", "catch_up \"fast\" is not a catch-up mode, expected spread or skip"),
        properties("catch_up.max_factor = 1",
            "catch_up.max_factor 1 is out of range, expected a number above 1 and at most 10, such as 2"),
        properties("drain.timeout = 51s",
            "drain.timeout 51s is out of range, expected a duration from 0s to 50s"),
        properties("drain.timeout = soon",
            "drain.timeout \"soon\" is not a duration, expected a duration such as 10s, 500ms or 1m,"
                + " from 0s to 50s"),
        properties("max.in.flight = 5", "unknown key \"max.in.flight\", expected max_in_flight (did you mean it?)"),
        properties("colour = red",
            // every key of the table, in documentation order
            "unknown key \"colour\", expected one of " + String.join(", ", SettingsTable.keys())),
        properties("metrics.required = yes",
            "metrics.required \"yes\" is not a boolean, expected true or false"),
        properties("config.path", "line \"config.path\" has no '=', expected key = value such as max_in_flight = 128"),
        properties("max.instances = 4", "max.instances is set twice, first at line 2, expected each key once"),
        properties("default.destination = gra phite",
            "default.destination \"gra phite\" has the character ' ' (a space), expected letters, digits, '_', '-' and '.' only"),
        // tests.json
        json("\"bad\": [1, 2]",
            "bad: is a list, expected an object with \"type\" and its settings, such as {\"type\": \"http\", \"url\": \"...\"}"),
        json("\"bad\": {\"url\": \"https://a.example/\"}",
            "bad: has no \"type\", expected the name of a plugin such as \"http\""),
        json("\"bad\": {\"type\": 42}", "bad.type: is 42, expected the name of a plugin such as \"http\""),
        json("\"bad\": {\"type\": \" \"}", "bad.type: is \" \", expected the name of a plugin such as \"http\""),
        json("\"bad\": {\"type\": \"http\", \"url\": \"a\", \"url\": \"b\"}",
            "bad.url: is given twice, first at line 3, expected each key once"),
        json("\"ok\": {\"type\": \"http\"}",
            "ok: is defined twice, first at line 2, expected each name once (this one is ignored)"),
        json("\"b ad\": {\"type\": \"http\"}",
            "entry name \"b ad\" has the character ' ' (a space), expected letters, digits, '_', '-' and '.' only"),
        json("\"bad\": {\"type\": \"http\",}",
            "invalid JSON at column 26: unexpected '}', expected a key in double quotes (a comma too many"
                + " before it?)"),
        json("\"bad\": {\"type\": http}",
            "invalid JSON at column 19: unexpected word 'http', expected a value: a \"string\", a number,"
                + " true, false, null, an object or a list"),
        json("\"bad\": {\"type\": \"http\", // the shop",
            "invalid JSON at column 27: a comment, which JSON does not allow, expected only keys and values"),
        json("\"bad\": {'type': \"http\"}",
            "invalid JSON at column 11: a single quote, expected double quotes around keys and strings"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("malformed")
  void oneBadLineGivesOneErrorAndTheRestStillLoads(String kind, String badLine, String expected)
      throws Exception {
    switch (kind) {
      case "conf" -> {
        ConfigSource.Snapshot snapshot = ConfigFiles.parse("shop.conf",
            "# two good lines around the bad one\ngood.before|http|60|file\n" + badLine
                + "\ngood.after|http|1|graphite\n");
        assertThat(snapshot.errors()).extracting(ConfigError::toString)
            .containsExactly("shop.conf:3: " + expected);
        assertThat(snapshot.lines()).extracting(TestLine::testName)
            .containsExactly("good.before", "good.after");
      }
      case "properties" -> {
        // A settings file is all or nothing: the run must not start with half of what was meant.
        ConfigException e = catchThrowableOfType(ConfigException.class,
            () -> SettingsParser.parse("capacity.properties",
                "# settings\nmax.instances = 3\n" + badLine + "\nhost = web01\n",
                Path.of("/etc/capacity"), Path.of("/opt/capacity")));
        assertThat(e.errors()).extracting(ConfigError::toString)
            .containsExactly("capacity.properties:3: " + expected);
      }
      case "json" -> {
        DefinitionsFile file = DefinitionsFile.parse("tests.json",
            "{\n  \"ok\": {\"type\": \"http\", \"url\": \"https://shop.example/\"},\n  " + badLine + "\n}\n");
        assertThat(file.errors()).extracting(ConfigError::toString)
            .containsExactly("tests.json:3: " + expected);
        assertThat(file.definitions()).containsOnlyKeys("ok");
      }
      default -> throw new AssertionError(kind);
    }
  }

  private static Arguments conf(String line, String expected) {
    return Arguments.of("conf", line, expected);
  }

  private static Arguments properties(String line, String expected) {
    return Arguments.of("properties", line, expected);
  }

  private static Arguments json(String line, String expected) {
    return Arguments.of("json", line, expected);
  }
}
