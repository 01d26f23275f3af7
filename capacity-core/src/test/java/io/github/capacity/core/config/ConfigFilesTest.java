package io.github.capacity.core.config;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.core.config.ConfigSource;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** The line format of one file, rule by rule. */
class ConfigFilesTest {

  @Test
  void parsesTheFourFields() {
    ConfigSource.Snapshot snapshot = ConfigFiles.parse("shop.conf", "shop.home|homepage|60|graphite\n");

    assertThat(snapshot.errors()).isEmpty();
    assertThat(snapshot.lines())
        .containsExactly(new TestLine("shop.conf", 1, "shop.home", "homepage", 60, "graphite"));
  }

  @Test
  void acceptsCommentsBlankLinesAndWhitespaceAroundFields() {
    ConfigSource.Snapshot snapshot = ConfigFiles.parse("shop.conf", String.join("\n",
        "# the shop's tests",
        "",
        "   ",
        "\t# indented comment",
        "  cart \t| checkout |  6 |file   # trailing comment after the fourth field",
        "Search_v2-x|search|3000000|statsd#"));

    assertThat(snapshot.errors()).extracting(ConfigError::toString)
        .containsExactly("shop.conf:6: metrics_destination \"statsd#\" has the character '#',"
            + " expected letters, digits, '_', '-' and '.' only");
    assertThat(snapshot.lines())
        .containsExactly(new TestLine("shop.conf", 5, "cart", "checkout", 6, "file"));
  }

  @Test
  void acceptsCrlfAndAByteOrderMark() {
    ConfigSource.Snapshot snapshot =
        ConfigFiles.parse("shop.conf", "\uFEFFa|http|1|file\r\n\r\nb|http|2|file\r\n");

    assertThat(snapshot.errors()).isEmpty();
    assertThat(snapshot.lines()).extracting(TestLine::where, TestLine::testName)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("shop.conf:1", "a"),
            org.assertj.core.groups.Tuple.tuple("shop.conf:3", "b"));
  }

  @Test
  void aByteOrderMarkOnlyCountsAtTheStartOfTheFile() {
    ConfigSource.Snapshot snapshot = ConfigFiles.parse("shop.conf", "a|http|1|file\n\uFEFFb|http|2|file");

    assertThat(snapshot.errors()).extracting(ConfigError::toString)
        .containsExactly("shop.conf:2: test_name \"\\uFEFFb\" has the character U+FEFF,"
            + " expected letters, digits, '_', '-' and '.' only");
  }

  @Test
  void frequencyAcceptsTheWholeRangeAndLeadingZeros() {
    ConfigSource.Snapshot snapshot = ConfigFiles.parse("shop.conf",
        "a|http|1|file\nb|http|3000000|file\nc|http|060|file\nd|http|+5|file\n");

    assertThat(snapshot.errors()).isEmpty();
    assertThat(snapshot.lines()).extracting(TestLine::frequency).containsExactly(1, 3_000_000, 60, 5);
  }

  @Test
  void aNameOfExactlyOneHundredCharactersIsAccepted() {
    String name = "a.b-c_" + "x".repeat(94);

    ConfigSource.Snapshot snapshot = ConfigFiles.parse("shop.conf", name + "|t|1|" + name);

    assertThat(snapshot.errors()).isEmpty();
    assertThat(snapshot.lines()).extracting(TestLine::testName).containsExactly(name);
  }

  @Test
  void everyBadLineIsReportedAndTheGoodOnesStillComeBack() {
    ConfigSource.Snapshot snapshot = ConfigFiles.parse("conf.d/shop.conf", String.join("\n",
        "home|homepage|60|graphite",
        "cart|checkout|0|graphite",
        "search|search|60",
        "basket|checkout|12|file",
        "",
        "", "",
        "login|login|abc|file"));

    assertThat(snapshot.errors()).extracting(ConfigError::toString).containsExactly(
        "conf.d/shop.conf:2: test_frequency is 0, expected 1 to 3000000 executions per minute;"
            + " to stop the test, remove the line",
        "conf.d/shop.conf:3: found 3 fields, expected 4 separated by '|':"
            + " test_name|test_type|test_frequency|metrics_destination",
        "conf.d/shop.conf:8: test_frequency \"abc\" is not a number, expected executions per minute"
            + " such as 60");
    assertThat(snapshot.lines()).extracting(TestLine::testName).containsExactly("home", "basket");
  }

  @Test
  void theFirstDefinitionOfANameWinsAndEachLaterOneIsAnError() {
    ConfigSource.Snapshot snapshot = ConfigFiles.parse("shop.conf",
        "home|homepage|60|graphite\nhome|other|1|file\nhome|third|2|file\n");

    assertThat(snapshot.lines()).containsExactly(
        new TestLine("shop.conf", 1, "home", "homepage", 60, "graphite"));
    assertThat(snapshot.errors()).extracting(ConfigError::toString).containsExactly(
        "shop.conf:2: test_name \"home\" is already defined at shop.conf:1, expected each test_name"
            + " once (this line is ignored)",
        "shop.conf:3: test_name \"home\" is already defined at shop.conf:1, expected each test_name"
            + " once (this line is ignored)");
  }

  @Test
  void namesAreCaseSensitiveLikeMetricPaths() {
    ConfigSource.Snapshot snapshot = ConfigFiles.parse("shop.conf", "Home|t|1|file\nhome|t|1|file");

    assertThat(snapshot.errors()).isEmpty();
    assertThat(snapshot.lines()).hasSize(2);
  }

  @Test
  void aLineThatIsNotUtf8IsRefusedAndTheOthersLoad() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes("a|http|1|file\n".getBytes(UTF_8));
    bytes.writeBytes(new byte[] {'b', (byte) 0xE9, '|', 'h', '|', '1', '|', 'f', '\n'});
    bytes.writeBytes("c|http|2|file\n".getBytes(UTF_8));

    ConfigSource.Snapshot snapshot = ConfigFiles.parse("latin1.conf", bytes.toByteArray());

    assertThat(snapshot.errors()).extracting(ConfigError::toString)
        .containsExactly("latin1.conf:2: line is not valid UTF-8 text, expected a UTF-8 (or ASCII) file");
    assertThat(snapshot.lines()).extracting(TestLine::testName).containsExactly("a", "c");
  }

  @Test
  void aByteOrderMarkInBytesIsDropped() {
    byte[] bytes = "\uFEFFa|http|1|file\r\n".getBytes(UTF_8);

    ConfigSource.Snapshot snapshot = ConfigFiles.parse("bom.conf", bytes);

    assertThat(snapshot.errors()).isEmpty();
    assertThat(snapshot.lines()).extracting(TestLine::testName).containsExactly("a");
  }

  @Test
  void anEmptyTextHasNoLinesAndNoErrors() {
    assertThat(ConfigFiles.parse("empty.conf", "")).isEqualTo(new ConfigSource.Snapshot(
        java.util.List.of(), java.util.List.of()));
    assertThat(ConfigFiles.parse("empty.conf", new byte[0]).lines()).isEmpty();
  }

  @Test
  void lineNumbersCountEveryLineEnding() {
    ConfigSource.Snapshot snapshot = ConfigFiles.parse("shop.conf", "\n\r\n# c\nx|t|1|file");

    assertThat(snapshot.lines()).extracting(TestLine::line).containsExactly(4);
  }
}
