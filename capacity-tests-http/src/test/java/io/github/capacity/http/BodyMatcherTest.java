package io.github.capacity.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodyMatcherTest {

  private static BodyMatcher fed(String needle, String... chunks) {
    BodyMatcher matcher = new BodyMatcher(needle);
    for (String chunk : chunks) {
      byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
      byte[] padded = java.util.Arrays.copyOf(bytes, bytes.length + 7); // only length counts
      matcher.feed(padded, bytes.length);
    }
    return matcher;
  }

  @Test
  void findsTextWithinAChunk() {
    assertThat(fed("Welcome", "<h1>Welcome</h1>").found()).isTrue();
  }

  @Test
  void findsTextSplitAcrossChunks() {
    assertThat(fed("Welcome", "<h1>Wel", "c", "ome</h1>").found()).isTrue();
    assertThat(fed("héllo", "h\u00e9", "llo").found()).isTrue();
  }

  @Test
  void doesNotFindWhatIsAbsentOrBeyondTheChunkLength() {
    assertThat(fed("Welcome", "<h1>Welc", "ame</h1>").found()).isFalse();
    assertThat(fed("Welcome").found()).isFalse();
    BodyMatcher matcher = new BodyMatcher("abc");
    matcher.feed("xxabc".getBytes(StandardCharsets.UTF_8), 3);
    assertThat(matcher.found()).isFalse();
  }
}
