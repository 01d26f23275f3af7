package io.github.capacity.report;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Splits a results file into lines, in bytes, with one buffer reused for the whole file: the
 * parser reads each line where it lies. A gzip file is recognised by its magic number, whatever
 * its name. A line longer than {@link #MAX_LINE_BYTES} is reported and skipped, so a file with no
 * newline at all cannot take the heap. Not thread safe.
 */
final class LineScanner {
  static final int MAX_LINE_BYTES = 1 << 20;

  /** Receives each line; {@code number} counts from 1. */
  interface LineSink {
    void line(byte[] bytes, int offset, int length, long number);

    /** A line that cannot be read at all (too long, or the file ends inside compressed data). */
    void unreadable(long number, String problem);
  }

  private byte[] buffer = new byte[64 * 1024];

  /** Reads {@code file} to its end; returns the number of lines. */
  long scan(Path file, LineSink sink) throws IOException {
    try (InputStream in = open(file)) {
      return scan(in, sink);
    }
  }

  private static InputStream open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
    in.mark(2);
    int first = in.read();
    int second = in.read();
    in.reset();
    return first == 0x1f && second == 0x8b ? new GZIPInputStream(in, 64 * 1024) : in;
  }

  long scan(InputStream in, LineSink sink) throws IOException {
    int start = 0;
    int end = 0;
    long number = 0;
    boolean skipping = false;
    while (true) {
      if (end == buffer.length) {
        if (start > 0) {
          System.arraycopy(buffer, start, buffer, 0, end - start);
          end -= start;
          start = 0;
        } else if (buffer.length < MAX_LINE_BYTES) {
          buffer = Arrays.copyOf(buffer, Math.min(MAX_LINE_BYTES, buffer.length * 2));
        } else {
          // One line fills the largest buffer: drop what is held and skip to its newline.
          if (!skipping) {
            sink.unreadable(number + 1,
                "a line longer than " + MAX_LINE_BYTES + " bytes, expected one result per line");
            skipping = true;
          }
          start = 0;
          end = 0;
        }
      }
      int read;
      try {
        read = in.read(buffer, end, buffer.length - end);
      } catch (EOFException e) {
        sink.unreadable(number + 1, "the compressed file ends in the middle, expected a whole gzip file");
        read = -1;
      } catch (IOException e) {
        sink.unreadable(number + 1, "cannot read further (" + e.getMessage() + "), expected a readable file");
        read = -1;
      }
      if (read < 0) {
        break;
      }
      int i = end;
      end += read;
      byte[] bytes = buffer; // a local, so the search below is a tight loop the JIT unrolls
      while (true) {
        while (i < end && bytes[i] != '\n') {
          i++;
        }
        if (i == end) {
          break;
        }
        number++;
        if (skipping) {
          skipping = false;
        } else {
          int length = i - start;
          if (length > 0 && bytes[i - 1] == '\r') {
            length--;
          }
          if (length > 0) {
            sink.line(bytes, start, length, number);
          }
        }
        start = ++i;
      }
    }
    if (end > start && !skipping) {
      number++;
      sink.line(buffer, start, end - start, number);
    }
    return number;
  }
}
