package io.github.capacity.http;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes a gzip body (RFC 1952) as its pieces arrive and passes the decoded bytes on, so that
 * {@code bytes} and {@code expect.body_contains} see the body as the OkHttp client does. The
 * member header is skipped field by field; the trailer is not checked. Not thread safe: one per
 * connection, {@link #reset} for each response; {@link #close} frees the native inflater.
 */
final class GzipInflatingSink implements ResponseParser.BodySink, AutoCloseable {
  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;

  private final Inflater inflater = new Inflater(true);
  private final byte[] out = new byte[8192];
  private ResponseParser.BodySink decoded;
  private int headerPosition;
  private int flags;
  private int extraLengthRead;
  private int extraLength;
  private int extraSkipped;
  private int crcRead;
  private boolean inDeflate;
  private String error;

  void reset(ResponseParser.BodySink decoded) {
    this.decoded = decoded;
    inflater.reset();
    headerPosition = 0;
    flags = 0;
    extraLengthRead = 0;
    extraLength = 0;
    extraSkipped = 0;
    crcRead = 0;
    inDeflate = false;
    error = null;
  }

  /** Why the body could not be decoded, or {@code null}. */
  String error() {
    return error;
  }

  @Override
  public void body(byte[] bytes, int offset, int length) {
    int end = offset + length;
    int i = offset;
    while (i < end && !inDeflate && error == null) {
      i = header(bytes, i, end);
    }
    if (i >= end || error != null || inflater.finished()) {
      return;
    }
    inflater.setInput(bytes, i, end - i);
    try {
      while (!inflater.finished() && !inflater.needsInput()) {
        int n = inflater.inflate(out);
        if (n > 0) {
          decoded.body(out, 0, n);
        } else if (inflater.needsDictionary()) {
          error = "gzip body needs a preset dictionary";
          return;
        } else if (n == 0 && !inflater.needsInput()) {
          break;
        }
      }
    } catch (DataFormatException e) {
      error = "gzip body is corrupt: " + e.getMessage();
    }
  }

  /** Consumes header bytes from {@code i}; returns where the header consumption stopped. */
  private int header(byte[] bytes, int i, int end) {
    int b = bytes[i] & 0xff;
    if (headerPosition < 10) {
      if ((headerPosition == 0 && b != 0x1f) || (headerPosition == 1 && b != 0x8b)
          || (headerPosition == 2 && b != 8)) {
        error = "body is not gzip although Content-Encoding says so";
        return end;
      }
      if (headerPosition == 3) {
        flags = b;
      }
      headerPosition++;
    } else if ((flags & FEXTRA) != 0) {
      if (extraLengthRead < 2) {
        extraLength |= b << (8 * extraLengthRead++); // little endian
      } else {
        int skip = Math.min(end - i, extraLength - extraSkipped);
        extraSkipped += skip;
        i += skip - 1;
      }
      if (extraLengthRead == 2 && extraSkipped == extraLength) {
        flags &= ~FEXTRA;
      }
    } else if ((flags & FNAME) != 0) {
      if (b == 0) {
        flags &= ~FNAME;
      }
    } else if ((flags & FCOMMENT) != 0) {
      if (b == 0) {
        flags &= ~FCOMMENT;
      }
    } else if ((flags & FHCRC) != 0) {
      if (++crcRead == 2) {
        flags &= ~FHCRC;
      }
    }
    if (headerPosition == 10 && (flags & (FEXTRA | FNAME | FCOMMENT | FHCRC)) == 0) {
      inDeflate = true;
    }
    return i + 1;
  }

  @Override
  public void close() {
    inflater.end();
  }
}
