package io.github.capacity.metrics;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs whole lines into payloads of at most {@code maxBytes}: one TCP write, one datagram or
 * one file append each. A line never spans two payloads; a line longer than the limit goes alone.
 * Each line is followed by {@code \n}, the last one of a datagram too unless {@code
 * trailingNewline} is off (StatsD reads a trailing newline as an empty, bad line). Not thread safe.
 */
public final class Packer {
  private final int maxBytes;
  private final boolean trailingNewline;
  private final List<byte[]> payloads = new ArrayList<>();
  private final ByteArrayOutputStream current = new ByteArrayOutputStream();

  public Packer(int maxBytes, boolean trailingNewline) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes < 1: " + maxBytes);
    }
    this.maxBytes = maxBytes;
    this.trailingNewline = trailingNewline;
  }

  /** Adds one line, without its newline. */
  public void add(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    int newline = trailingNewline || current.size() > 0 ? 1 : 0;
    if (current.size() > 0 && current.size() + newline + bytes.length > maxBytes) {
      cut();
    }
    if (!trailingNewline && current.size() > 0) {
      current.write('\n');
    }
    current.write(bytes, 0, bytes.length);
    if (trailingNewline) {
      current.write('\n');
    }
  }

  /** The payloads so far, the last partial one included; the packer starts empty again. */
  public List<byte[]> drain() {
    cut();
    List<byte[]> out = List.copyOf(payloads);
    payloads.clear();
    return out;
  }

  private void cut() {
    if (current.size() > 0) {
      payloads.add(current.toByteArray());
      current.reset();
    }
  }
}
