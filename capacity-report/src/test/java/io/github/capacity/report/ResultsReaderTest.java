package io.github.capacity.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsReaderTest {
  private static final long T0 = 1_796_292_000_000L;
  @TempDir Path folder;
  private final Lines lines = new Lines();
  private final Aggregation aggregation = new Aggregation(new Timeline(), Filter.ALL);
  private final ResultsReader reader = new ResultsReader(aggregation);

  @Test
  void badLinesAreCountedAndNamedAndTheRestIsRead() throws IOException {
    Path file = folder.resolve("results.jsonl");
    Files.writeString(file, String.join("\n",
        lines.ok("shop", "web1", T0, 0, 5),
        "{\"kind\":\"execution\",\"test_name\":\"shop\",\"ho",
        "[1, 2]",
        "{\"kind\":\"execution\",\"test_name\":\"shop\"}",
        "{\"test_name\":\"shop\"}",
        "{\"kind\":\"minute\"} trailing",
        "",
        lines.ok("shop", "web1", T0 + 1, 0, 5)) + "\n", StandardCharsets.UTF_8);

    reader.read(file);

    assertThat(reader.lines()).isEqualTo(8);
    assertThat(reader.bad()).isEqualTo(5);
    assertThat(reader.badLines()).containsExactly(
        file + ":2: not valid JSON (Unexpected end-of-input in field name), expected one whole document per line",
        file + ":3: not a JSON object, expected one result document per line",
        file + ":4: an execution without test_name, planned_epoch_ns or end_epoch_ns",
        file + ":5: no \"kind\" field, expected \"execution\", \"minute\" or another kind of result",
        file + ":6: text after the JSON object, expected one document per line");
    assertThat(aggregation.tests.get("shop").totals.ok).isEqualTo(2);
  }

  @Test
  void aGzipFileIsReadWhateverItsNameAndOneCutShortIsNamedNotFatal() throws IOException {
    String text = lines.ok("shop", "web1", T0, 0, 5) + "\n" + lines.ok("shop", "web2", T0, 0, 5) + "\n";
    Path whole = folder.resolve("web1.log");
    gzip(whole, text.getBytes(StandardCharsets.UTF_8));
    Path cut = folder.resolve("web2.jsonl.gz");
    byte[] compressed = gzip(folder.resolve("full.gz"), text.repeat(200).getBytes(StandardCharsets.UTF_8));
    Files.write(cut, Arrays.copyOf(compressed, compressed.length / 2));

    reader.read(whole);
    reader.read(cut);

    assertThat(aggregation.tests.get("shop").totals.ok).isGreaterThan(2);
    assertThat(reader.bad()).isBetween(1L, 2L); // the end, and perhaps the line it cut in two
    assertThat(reader.badLines()).anySatisfy(line -> assertThat(line)
        .startsWith(cut + ":").endsWith(": the compressed file ends in the middle, expected a whole gzip file"));
  }

  @Test
  void otherKindsAreCountedAndTripsAndShapesBecomeMarkers() throws IOException {
    Path file = folder.resolve("results.jsonl");
    Files.writeString(file, String.join("\n",
        "{\"kind\":\"metrics_dropped\",\"host\":\"web1\",\"dropped\":3,\"epoch_ms\":" + T0 + "}",
        "{\"kind\":\"heartbeat\",\"host\":\"web1\",\"anything\":{\"nested\":[1,2]}}",
        "{\"kind\":\"guardrail_trip\",\"test_name\":\"shop\",\"host\":\"web1\",\"epoch_ms\":" + (T0 + 5000)
            + ",\"condition\":\"error_rate > 5%\",\"figures\":{\"error_rate\":0.07}}",
        "{\"kind\":\"minute\",\"test_name\":\"shop\",\"host\":\"web1\",\"minute_epoch_ms\":" + T0
            + ",\"shape\":\"steps(60/1m,120/1m)@2026-12-03T10:00:00Z\"}",
        "{\"kind\":\"minute\",\"test_name\":\"shop\",\"host\":\"web2\",\"minute_epoch_ms\":" + (T0 + 60_000)
            + ",\"shape\":\"steps(60/1m,120/1m)@2026-12-03T10:00:00Z\"}",
        lines.trip("shop", "web2", T0 + 9000, "p99 > 250ms", 4200, 3900),
        lines.trip("shop", "web3", T0 + 9500, "errors > 5%", 6, Double.NaN),
        "{\"kind\":\"problem\",\"test_name\":\"shop\",\"host\":\"web1\",\"error_class\":\"unknown_test_type\","
            + "\"message\":\"no test type x\",\"epoch_ms\":" + T0 + "}") + "\n", StandardCharsets.UTF_8);

    reader.read(file);

    assertThat(reader.bad()).isZero();
    assertThat(reader.otherKinds()).containsExactly(
        java.util.Map.entry("heartbeat", 1L), java.util.Map.entry("metrics_dropped", 1L));
    assertThat(aggregation.markers).containsExactly(
        new Aggregation.Marker(T0 + 5000, "trip", "shop", "web1", "error_rate > 5%"),
        new Aggregation.Marker(T0, "shape", "shop", "web1", "steps(60/1m,120/1m)@2026-12-03T10:00:00Z"),
        new Aggregation.Marker(T0 + 9000, "trip", "shop", "web2", "p99 > 250ms (tripped at 4200/min, held 3900/min)"),
        new Aggregation.Marker(T0 + 9500, "trip", "shop", "web3", "errors > 5% (tripped at 6.0/min)"));
    assertThat(aggregation.problems).containsExactly(java.util.Map.entry("web1|shop|unknown_test_type", 1L));
  }

  @Test
  void aLineTooLongForTheBufferIsNamedAndTheNextOneRead() throws IOException {
    Path file = folder.resolve("results.jsonl");
    byte[] huge = new byte[LineScanner.MAX_LINE_BYTES * 2 + 10];
    Arrays.fill(huge, (byte) 'x');
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(huge);
      out.write('\n');
      out.write((lines.ok("shop", "web1", T0, 0, 5) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    reader.read(file);

    assertThat(reader.badLines()).containsExactly(
        file + ":1: a line longer than 1048576 bytes, expected one result per line");
    assertThat(aggregation.tests.get("shop").totals.ok).isEqualTo(1);
  }

  @Test
  void foldersAreSearchedForResultsFilesInNameOrder() throws IOException {
    Files.createDirectories(folder.resolve("web2"));
    Files.writeString(folder.resolve("web2").resolve("results-2026-12-03.jsonl"), "");
    Files.writeString(folder.resolve("results-2026-12-02.jsonl.gz"), "");
    Files.writeString(folder.resolve("capacity.log"), "");

    assertThat(InputFiles.expand(List.of(folder))).containsExactly(
        folder.resolve("results-2026-12-02.jsonl.gz"), folder.resolve("web2").resolve("results-2026-12-03.jsonl"));
  }

  private static byte[] gzip(Path file, byte[] bytes) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(bytes);
    }
    return Files.readAllBytes(file);
  }
}
