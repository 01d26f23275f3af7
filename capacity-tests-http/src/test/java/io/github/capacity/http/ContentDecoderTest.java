package io.github.capacity.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Bodies decoded as curl decodes them (curl 7.88 --compressed gives the same results). */
class ContentDecoderTest {
  private static final String TEXT = "hello gzip world ".repeat(20);
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();

  @Test
  void aGzipBodyWithAWrongCrcIsAnError() throws Exception {
    byte[] gzip = gzip(TEXT);
    gzip[gzip.length - 8] ^= 1;
    assertThat(decode(ContentDecoder.Coding.GZIP, gzip)).isEqualTo("gzip body fails its CRC check");
  }

  @Test
  void aGzipBodyWithAWrongLengthIsAnError() throws Exception {
    byte[] gzip = gzip(TEXT);
    gzip[gzip.length - 4] ^= 1;
    assertThat(decode(ContentDecoder.Coding.GZIP, gzip)).isEqualTo("gzip body fails its length check");
  }

  @Test
  void aSecondGzipMemberIsAnErrorAsForCurl() throws Exception {
    ByteArrayOutputStream two = new ByteArrayOutputStream();
    two.write(gzip("first member "));
    two.write(gzip("second member"));
    assertThat(decode(ContentDecoder.Coding.GZIP, two.toByteArray()))
        .isEqualTo("gzip body has data after its end (a second member)");
    assertThat(body.toString(StandardCharsets.US_ASCII)).isEqualTo("first member ");
  }

  @Test
  void deflateIsReadWithOrWithoutItsZlibWrapperSplitAnywhere() throws Exception {
    for (boolean raw : new boolean[] {false, true}) {
      byte[] deflated = deflate(TEXT, raw);
      for (int split = 0; split <= deflated.length; split++) {
        body.reset();
        try (ContentDecoder decoder = new ContentDecoder()) {
          decoder.reset(ContentDecoder.Coding.DEFLATE, body::write);
          decoder.body(deflated, 0, split);
          decoder.body(deflated, split, deflated.length - split);
          assertThat(decoder.error()).as("raw %s, split at %s", raw, split).isNull();
        }
        assertThat(body.toString(StandardCharsets.US_ASCII)).isEqualTo(TEXT);
      }
    }
  }

  private String decode(ContentDecoder.Coding coding, byte[] bytes) {
    try (ContentDecoder decoder = new ContentDecoder()) {
      decoder.reset(coding, body::write);
      decoder.body(bytes, 0, bytes.length);
      return decoder.error();
    }
  }

  static byte[] gzip(String text) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(text.getBytes(StandardCharsets.US_ASCII));
    }
    return out.toByteArray();
  }

  static byte[] deflate(String text, boolean raw) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
    deflater.setInput(text.getBytes(StandardCharsets.US_ASCII));
    deflater.finish();
    byte[] out = new byte[4096];
    int n = deflater.deflate(out);
    deflater.end();
    return java.util.Arrays.copyOf(out, n);
  }
}
