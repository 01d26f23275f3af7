package io.github.capacity.metrics.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
  /** The payload being filled, allocated at its full size so that lines are copied in once. */
  private byte[] current;
  private int size;

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
    add(bytes, 0, bytes.length);
  }

  /** Adds one line of UTF-8 bytes, {@code length} of them from {@code offset}, without its newline. */
  public void add(byte[] bytes, int offset, int length) {
    int separator = trailingNewline || size > 0 ? 1 : 0;
    if (size > 0 && size + separator + length > maxBytes) {
      cut();
      separator = trailingNewline ? 1 : 0;
    }
    int needed = size + separator + length;
    if (current == null) {
      current = new byte[Math.max(maxBytes, needed)];
    } else if (needed > current.length) {
      current = Arrays.copyOf(current, needed); // a line longer than the limit goes alone
    }
    if (!trailingNewline && size > 0) {
      current[size++] = '\n';
    }
    System.arraycopy(bytes, offset, current, size, length);
    size += length;
    if (trailingNewline) {
      current[size++] = '\n';
    }
  }

  /** The payloads filled up to the limit so far; the partial one stays to take more lines. */
  public List<byte[]> drainFull() {
    List<byte[]> out = List.copyOf(payloads);
    payloads.clear();
    return out;
  }

  /** The payloads so far, the last partial one included; the packer starts empty again. */
  public List<byte[]> drain() {
    cut();
    return drainFull();
  }

  private void cut() {
    if (size == 0) {
      return;
    }
    if (size == current.length) {
      payloads.add(current); // full: handed over whole
      current = null;
    } else {
      payloads.add(Arrays.copyOf(current, size)); // the array stays for the next lines
    }
    size = 0;
  }
}
