package io.github.capacity.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Properties;

/**
 * The report as one HTML file: uPlot's script and style sheet, the page's own, and the data as a
 * JSON block, all inline. A Content-Security-Policy of {@code default-src 'none'} in the page
 * means a browser fetches nothing at all when it is opened, even if a test name held a URL.
 */
final class HtmlPage {
  private static final String UPLOT = "META-INF/resources/webjars/uplot/%s/";
  private static final JsonFactory FACTORY = new JsonFactory().setCharacterEscapes(new HtmlEscapes());

  /** Escapes {@code <}, {@code >} and {@code &} so no string can end the script block. */
  private static final class HtmlEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] codes = standardAsciiEscapesForJSON();

    HtmlEscapes() {
      codes['<'] = ESCAPE_STANDARD;
      codes['>'] = ESCAPE_STANDARD;
      codes['&'] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return codes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return null;
    }
  }

  private final Aggregation aggregation;
  private final ResultsReader reader;
  private final Filter filter;
  private final String version;

  HtmlPage(Aggregation aggregation, ResultsReader reader, Filter filter, String version) {
    this.aggregation = aggregation;
    this.reader = reader;
    this.filter = filter;
    this.version = version;
  }

  void write(Path output) throws IOException {
    Path absolute = output.toAbsolutePath();
    Path temporary = Files.createTempFile(absolute.getParent(), ".capacity-report", ".tmp");
    try {
      try (Writer out = new BufferedWriter(Files.newBufferedWriter(temporary, StandardCharsets.UTF_8), 64 * 1024)) {
        write(out);
      }
      Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  void write(Writer out) throws IOException {
    String uplot = String.format(UPLOT, uplotVersion());
    String[] parts = resource("io/github/capacity/report/report.html").split("<!--\\{\\{|\\}\\}-->");
    for (int i = 0; i < parts.length; i++) {
      if (i % 2 == 0) {
        out.write(parts[i]);
        continue;
      }
      switch (parts[i]) {
        case "uplot.css" -> out.write(resource(uplot + "dist/uPlot.min.css"));
        case "report.css" -> out.write(resource("io/github/capacity/report/report.css"));
        case "uplot.js" -> {
          out.write("/*! uPlot " + uplotVersion() + ", " + resource(uplot + "LICENSE").replace("*/", "* /") + "*/\n");
          out.write(resource(uplot + "dist/uPlot.iife.min.js"));
        }
        case "report.js" -> out.write(resource("io/github/capacity/report/report.js"));
        case "data" -> data(out);
        default -> throw new IllegalStateException("report.html: unknown part " + parts[i]);
      }
    }
  }

  private void data(Writer out) throws IOException {
    JsonGenerator json = FACTORY.createGenerator(out);
    json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    json.writeStartObject();
    json.writeStringField("version", version);
    json.writeStringField("generated", Instant.now().toString());
    json.writeArrayFieldStart("files");
    for (String file : reader.files()) {
      json.writeString(file);
    }
    json.writeEndArray();
    json.writeNumberField("lines", reader.lines());
    json.writeNumberField("kept", aggregation.kept);
    json.writeNumberField("filteredOut", aggregation.filteredOut);
    json.writeNumberField("bad", reader.bad());
    json.writeArrayFieldStart("badLines");
    for (String line : reader.badLines()) {
      json.writeString(line);
    }
    json.writeEndArray();
    ReportData.counts(json, "otherKinds", reader.otherKinds());
    filter(json);
    ReportData.hosts(json, aggregation);
    markers(json);
    json.writeArrayFieldStart("problems");
    for (var problem : aggregation.problems.entrySet()) {
      String[] key = problem.getKey().split("\\|", 3);
      json.writeStartObject();
      json.writeStringField("host", key[0]);
      json.writeStringField("test", key[1]);
      json.writeStringField("class", key[2]);
      json.writeNumberField("count", problem.getValue());
      json.writeEndObject();
    }
    json.writeEndArray();
    new ReportData(aggregation, json).write();
    json.writeEndObject();
    json.flush();
  }

  private void filter(JsonGenerator json) throws IOException {
    json.writeObjectFieldStart("filter");
    if (filter.fromMillis() != Long.MIN_VALUE) {
      json.writeNumberField("from", filter.fromMillis() / 1000.0);
    }
    if (filter.toMillis() != Long.MAX_VALUE) {
      json.writeNumberField("to", filter.toMillis() / 1000.0);
    }
    json.writeArrayFieldStart("tests");
    for (String test : filter.tests().stream().sorted().toList()) {
      json.writeString(test);
    }
    json.writeEndArray();
    json.writeArrayFieldStart("hosts");
    for (String host : filter.hosts().stream().sorted().toList()) {
      json.writeString(host);
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private void markers(JsonGenerator json) throws IOException {
    json.writeNumberField("markersLeftOut", aggregation.markersLeftOut);
    json.writeArrayFieldStart("markers");
    for (Aggregation.Marker marker : aggregation.markers) {
      json.writeStartObject();
      json.writeNumberField("t", marker.epochMillis() / 1000.0);
      json.writeStringField("type", marker.type());
      json.writeStringField("test", marker.test());
      json.writeStringField("host", marker.host());
      json.writeStringField("label", marker.label());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static String uplotVersion() {
    Properties properties = new Properties();
    try (InputStream in = HtmlPage.class.getResourceAsStream("uplot.properties")) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version");
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = HtmlPage.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("resource " + name + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
