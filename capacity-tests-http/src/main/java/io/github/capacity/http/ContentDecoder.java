package io.github.capacity.http;

import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes a {@code gzip} (or {@code x-gzip}) or {@code deflate} body as its pieces arrive and
 * passes the decoded bytes on, so that {@code bytes} and {@code expect.body_contains} see the body
 * as curl and OkHttp do. As curl: a gzip member's CRC and length are checked, and bytes after it
 * (a second member) are an error; {@code deflate} is zlib-wrapped (RFC 1950) or, from servers
 * that leave the wrapper out, raw. Not thread safe: one per connection, {@link #reset} for each
 * response; {@link #close} frees the native inflaters.
 */
final class ContentDecoder implements ResponseParser.BodySink, AutoCloseable {
  /** The body's content coding, from {@code Content-Encoding}. */
  enum Coding { IDENTITY, GZIP, DEFLATE }

  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;
  private static final int GZIP_TRAILER_BYTES = 8;

  private final Inflater raw = new Inflater(true);
  private final Inflater zlib = new Inflater(false);
  private final CRC32 crc = new CRC32();
  private final byte[] out = new byte[8192];
  private final byte[] trailer = new byte[GZIP_TRAILER_BYTES];
  private ResponseParser.BodySink decoded;
  private Coding coding;
  private Inflater inflater;
  private int headerPosition;
  private int flags;
  private int extraLengthRead;
  private int extraLength;
  private int extraSkipped;
  private int crcRead;
  private int trailerRead;
  private long decodedBytes;
  private int firstByte = -1;
  private String error;

  void reset(Coding coding, ResponseParser.BodySink decoded) {
    this.coding = coding;
    this.decoded = decoded;
    raw.reset();
    zlib.reset();
    crc.reset();
    inflater = coding == Coding.GZIP ? raw : null;
    headerPosition = 0;
    flags = 0;
    extraLengthRead = 0;
    extraLength = 0;
    extraSkipped = 0;
    crcRead = 0;
    trailerRead = 0;
    decodedBytes = 0;
    firstByte = -1;
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
    if (coding == Coding.DEFLATE && inflater == null && i < end) {
      i = chooseDeflate(bytes, i, end);
    }
    while (i < end && coding == Coding.GZIP && headerPosition >= 0 && error == null) {
      i = header(bytes, i, end);
    }
    if (i < end && error == null && inflater != null) {
      i = inflate(bytes, i, end);
    }
    if (i < end && error == null && coding == Coding.GZIP && inflater.finished()) {
      trailer(bytes, i, end);
    } else if (i < end && error == null && inflater != null && inflater.finished()) {
      error = "deflate body has data after its end";
    }
  }

  /** A zlib header ({@code 78 9c}, say) is a multiple of 31 with method 8; otherwise raw deflate. */
  private int chooseDeflate(byte[] bytes, int i, int end) {
    if (firstByte < 0) {
      firstByte = bytes[i++] & 0xff;
      if (i == end) {
        return i;
      }
    }
    int second = bytes[i] & 0xff;
    boolean wrapped = (firstByte & 0x0f) == 8 && ((firstByte << 8) | second) % 31 == 0;
    inflater = wrapped ? zlib : raw;
    inflater.setInput(new byte[] {(byte) firstByte}, 0, 1);
    drain(); // the first byte; the rest follows as usual
    return i;
  }

  private void drain() {
    try {
      while (!inflater.needsInput() && !inflater.finished()) {
        int n = inflater.inflate(out);
        if (n == 0) {
          break;
        }
        emit(n);
      }
    } catch (DataFormatException e) {
      error = "deflate body is corrupt: " + e.getMessage();
    }
  }

  /** Inflates from {@code i}; returns where the compressed data ended (or {@code end}). */
  private int inflate(byte[] bytes, int i, int end) {
    if (inflater.finished()) {
      return i;
    }
    inflater.setInput(bytes, i, end - i);
    try {
      while (!inflater.finished() && !inflater.needsInput()) {
        int n = inflater.inflate(out);
        if (n > 0) {
          emit(n);
        } else if (inflater.needsDictionary()) {
          error = "compressed body needs a preset dictionary";
          return end;
        } else if (!inflater.needsInput()) {
          break;
        }
      }
    } catch (DataFormatException e) {
      error = (coding == Coding.GZIP ? "gzip" : "deflate") + " body is corrupt: " + e.getMessage();
      return end;
    }
    return inflater.finished() ? end - inflater.getRemaining() : end;
  }

  private void emit(int n) {
    if (coding == Coding.GZIP) {
      crc.update(out, 0, n);
    }
    decodedBytes += n;
    decoded.body(out, 0, n);
  }

  /** The CRC-32 and length after the member; anything after them is an error, as for curl. */
  private void trailer(byte[] bytes, int i, int end) {
    while (i < end && trailerRead < GZIP_TRAILER_BYTES) {
      trailer[trailerRead++] = bytes[i++];
    }
    if (trailerRead == GZIP_TRAILER_BYTES) {
      if (littleEndian(0) != (int) crc.getValue()) {
        error = "gzip body fails its CRC check";
      } else if (littleEndian(4) != (int) decodedBytes) {
        error = "gzip body fails its length check";
      } else if (i < end) {
        error = "gzip body has data after its end (a second member)";
      }
    }
  }

  private int littleEndian(int at) {
    return (trailer[at] & 0xff) | (trailer[at + 1] & 0xff) << 8 | (trailer[at + 2] & 0xff) << 16
        | (trailer[at + 3] & 0xff) << 24;
  }

  /** Consumes gzip header bytes from {@code i}; returns where it stopped. */
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
      headerPosition = -1; // the deflate data follows
    }
    return i + 1;
  }

  @Override
  public void close() {
    raw.end();
    zlib.end();
  }
}
