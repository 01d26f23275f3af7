package io.github.capacity.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackerTest {
  private static List<String> texts(List<byte[]> payloads) {
    return payloads.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
  }

  @Test
  void packsWholeLinesUpToTheLimitWithoutATrailingNewline() {
    Packer packer = new Packer(11, false);
    List.of("aaaa", "bbbb", "cccc", "dddddddddddddd", "e").forEach(packer::add);
    // "aaaa\nbbbb" is 9 bytes; adding "\ncccc" would make 14.
    assertThat(texts(packer.drain())).containsExactly("aaaa\nbbbb", "cccc", "dddddddddddddd", "e");
    assertThat(packer.drain()).isEmpty();
  }

  @Test
  void endsEveryLineWithANewlineForStreams() {
    Packer packer = new Packer(10, true);
    List.of("aaaa", "bbbb", "cccc").forEach(packer::add);
    assertThat(texts(packer.drain())).containsExactly("aaaa\nbbbb\n", "cccc\n");
  }
}
