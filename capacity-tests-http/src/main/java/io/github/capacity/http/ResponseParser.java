package io.github.capacity.http;

import java.io.EOFException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads one HTTP/1.1 response as its bytes arrive, in whatever pieces the socket gives them: the
 * status line, the headers this client needs (framing, keep-alive, content coding) and the body,
 * framed by {@code Content-Length}, chunked, or by the end of the connection. Body bytes go to a
 * {@link BodySink} as they are read; nothing of the body is kept. Interim (1xx) responses are
 * skipped. Not thread safe: one per connection, reset for each response.
 *
 * <p>Over 300 lines for a reason: the framing rules read like RFC 9112's section on message
 * length, one state machine over the bytes; split, each part would need the others' state.
 */
final class ResponseParser {
  /** Receives the body, still in its content coding, piece by piece. */
  interface BodySink {
    void body(byte[] bytes, int offset, int length);
  }

  /** The status line and headers together may not exceed this (OkHttp's limit too). */
  static final int MAX_HEAD_BYTES = 256 * 1024;
  private static final int MAX_CHUNK_LINE = 1024;

  private enum State { STATUS, HEADERS, FIXED, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, UNTIL_CLOSE, DONE }

  /** Grows as long lines need, up to the limits: most heads fit the first 256 bytes. */
  private byte[] line = new byte[256];
  private int lineLength;
  private int headBytes;
  private State state;
  private boolean headRequest;
  private BodySink sink;

  private int status;
  private boolean http10;
  private long contentLength;
  private boolean chunked;
  private boolean closeAfter;
  private boolean keepAliveHeader;
  private ContentDecoder.Coding coding;
  private long remaining;
  private boolean started;

  /** Starts a new response. {@code headRequest}: the response to a HEAD has no body. */
  void reset(boolean headRequest, BodySink sink) {
    this.headRequest = headRequest;
    this.sink = sink;
    this.started = false;
    this.status = -1;
    startHead();
  }

  private void startHead() {
    state = State.STATUS;
    lineLength = 0;
    headBytes = 0;
    http10 = false;
    contentLength = -1;
    chunked = false;
    closeAfter = false;
    keepAliveHeader = false;
    coding = ContentDecoder.Coding.IDENTITY;
  }

  /**
   * Consumes what {@code in} holds, up to the end of the response. Returns whether the response
   * is complete; bytes after its end are left in {@code in}.
   */
  boolean feed(ByteBuffer in) throws ProtocolException {
    if (in.hasRemaining()) {
      started = true;
    }
    while (in.hasRemaining() && state != State.DONE) {
      switch (state) {
        case STATUS, HEADERS, TRAILERS -> {
          if (readLine(in, MAX_HEAD_BYTES)) {
            headLine();
          }
        }
        case CHUNK_SIZE -> {
          if (readLine(in, MAX_CHUNK_LINE)) {
            chunkSize();
          }
        }
        case CHUNK_END -> {
          if (readLine(in, MAX_CHUNK_LINE)) {
            if (lineLength != 0) {
              throw new ProtocolException("chunk not followed by CRLF");
            }
            lineLength = 0;
            state = State.CHUNK_SIZE;
          }
        }
        case FIXED, CHUNK_DATA -> {
          int n = (int) Math.min(remaining, in.remaining());
          body(in, n);
          remaining -= n;
          if (remaining == 0) {
            state = state == State.FIXED ? State.DONE : State.CHUNK_END;
          }
        }
        case UNTIL_CLOSE -> body(in, in.remaining());
        default -> throw new IllegalStateException(state.name());
      }
    }
    return state == State.DONE;
  }

  /**
   * The connection ended. Returns normally when that ends the response (a body delimited by the
   * close); otherwise the response was cut short.
   */
  void endOfStream() throws EOFException {
    if (state == State.UNTIL_CLOSE) {
      state = State.DONE;
      return;
    }
    if (state != State.DONE) {
      throw new EOFException(started ? "connection closed in the middle of the response"
          : "connection closed before the response");
    }
  }

  /** Whether any byte of the response arrived: a request on a pooled connection that got none may go again. */
  boolean started() {
    return started;
  }

  /** The status code, or -1 before the status line. */
  int status() {
    return status;
  }

  /** The body's content coding: {@code gzip} (or {@code x-gzip}), {@code deflate}, or none we decode. */
  ContentDecoder.Coding coding() {
    return coding;
  }

  /** Whether the connection may carry another request after this complete response. */
  boolean reusable() {
    return state == State.DONE && !closeAfter && (!http10 || keepAliveHeader);
  }

  private void body(ByteBuffer in, int n) {
    if (n > 0) {
      sink.body(in.array(), in.arrayOffset() + in.position(), n);
      in.position(in.position() + n);
    }
  }

  /**
   * Appends to the line until CRLF (or a bare LF); returns whether a whole line was read. Scans
   * the buffer's array for the newline and copies the line in one piece.
   */
  private boolean readLine(ByteBuffer in, int max) throws ProtocolException {
    byte[] bytes = in.array();
    int start = in.arrayOffset() + in.position();
    int end = in.arrayOffset() + in.limit();
    int newline = start;
    while (newline < end && bytes[newline] != '\n') {
      newline++;
    }
    boolean complete = newline < end;
    int taken = newline - start;
    boolean head = state == State.STATUS || state == State.HEADERS || state == State.TRAILERS;
    if (head) {
      headBytes += taken + (complete ? 1 : 0);
      if (headBytes > MAX_HEAD_BYTES) {
        throw new ProtocolException("response head larger than " + MAX_HEAD_BYTES + " bytes");
      }
    }
    if (lineLength + taken > line.length) {
      if (lineLength + taken > max) {
        throw new ProtocolException("response line longer than " + max + " bytes");
      }
      line = Arrays.copyOf(line, Math.min(max, Math.max(lineLength + taken, line.length * 2)));
    }
    System.arraycopy(bytes, start, line, lineLength, taken);
    lineLength += taken;
    in.position(in.position() + taken + (complete ? 1 : 0));
    if (complete && lineLength > 0 && line[lineLength - 1] == '\r') {
      lineLength--;
    }
    return complete;
  }

  private void headLine() throws ProtocolException {
    switch (state) {
      case STATUS -> statusLine();
      case HEADERS -> {
        if (lineLength == 0) {
          endOfHead();
        } else {
          header();
        }
      }
      case TRAILERS -> {
        if (lineLength == 0) {
          state = State.DONE;
        }
      }
      default -> throw new IllegalStateException(state.name());
    }
    lineLength = 0;
  }

  /** {@code HTTP/1.1 200 OK}, read from the bytes: the reason phrase is not needed. */
  private void statusLine() throws ProtocolException {
    if (lineLength < 12 || !startsWith("HTTP/1.") || line[8] != ' ' || (lineLength > 12 && line[12] != ' ')) {
      throw new ProtocolException("not an HTTP/1.x status line: " + printable(0, lineLength));
    }
    http10 = line[7] == '0';
    int code = 0;
    for (int i = 9; i < 12; i++) {
      int c = line[i];
      if (c < '0' || c > '9') {
        throw new ProtocolException("status code is not a number: " + printable(0, lineLength));
      }
      code = code * 10 + (c - '0');
    }
    if (code < 100) {
      throw new ProtocolException("status code below 100: " + code);
    }
    status = code;
    state = State.HEADERS;
  }

  /**
   * Reads the header line in {@code line}. Only the four headers that framing needs are looked
   * at, and their values are read from the bytes: a response costs no strings.
   */
  private void header() throws ProtocolException {
    if (isBlank(line[0])) {
      return; // obs-fold: the previous header goes on; none of those read here is folded in practice
    }
    int colon = 0;
    while (colon < lineLength && line[colon] != ':') {
      colon++;
    }
    if (colon == 0 || colon == lineLength) {
      throw new ProtocolException("header line without a name: " + printable(0, lineLength));
    }
    int from = colon + 1;
    int to = lineLength;
    while (from < to && isBlank(line[from])) {
      from++;
    }
    while (to > from && isBlank(line[to - 1])) {
      to--;
    }
    if (nameIs(colon, "content-length")) {
      long length = contentLength(from, to);
      if (contentLength >= 0 && contentLength != length) {
        throw new ProtocolException("invalid Content-Length: " + printable(from, to));
      }
      contentLength = length;
    } else if (nameIs(colon, "transfer-encoding")) {
      chunked = to - from >= 7 && regionIs(to - 7, to, "chunked");
    } else if (nameIs(colon, "connection")) {
      closeAfter |= contains(from, to, "close");
      keepAliveHeader |= contains(from, to, "keep-alive");
    } else if (nameIs(colon, "content-encoding")) {
      coding = regionIs(from, to, "gzip") || regionIs(from, to, "x-gzip") ? ContentDecoder.Coding.GZIP
          : regionIs(from, to, "deflate") ? ContentDecoder.Coding.DEFLATE
          : ContentDecoder.Coding.IDENTITY;
    }
  }

  /** {@code 1000} or, as RFC 9110 lets a recipient accept, a list of one value: {@code 1000, 1000}. */
  private long contentLength(int from, int to) throws ProtocolException {
    long length = -1;
    int start = from;
    for (int i = from; i <= to; i++) {
      if (i == to || line[i] == ',') {
        int a = start;
        int b = i;
        while (a < b && isBlank(line[a])) {
          a++;
        }
        while (b > a && isBlank(line[b - 1])) {
          b--;
        }
        long value = number(a, b, from, to);
        if (length >= 0 && value != length) {
          throw new ProtocolException("invalid Content-Length: " + printable(from, to));
        }
        length = value;
        start = i + 1;
      }
    }
    return length;
  }

  private long number(int from, int to, int lineFrom, int lineTo) throws ProtocolException {
    if (from == to || to - from > 18) {
      throw new ProtocolException("Content-Length is not a number: " + printable(lineFrom, lineTo));
    }
    long length = 0;
    for (int i = from; i < to; i++) {
      int c = line[i];
      if (c < '0' || c > '9') {
        throw new ProtocolException("Content-Length is not a number: " + printable(lineFrom, lineTo));
      }
      length = length * 10 + (c - '0');
    }
    return length;
  }

  /** Whether the header name before {@code colon} is {@code lowerName}, ignoring ASCII case. */
  private boolean nameIs(int colon, String lowerName) {
    return colon == lowerName.length() && regionIs(0, colon, lowerName);
  }

  /** Whether {@code line[from, to)} is {@code lower}, ignoring ASCII case. */
  private boolean regionIs(int from, int to, String lower) {
    if (to - from != lower.length()) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (lowerCase(line[i]) != lower.charAt(i - from)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code line[from, to)} contains {@code lower}, ignoring ASCII case. */
  private boolean contains(int from, int to, String lower) {
    for (int start = from; start + lower.length() <= to; start++) {
      if (regionIs(start, start + lower.length(), lower)) {
        return true;
      }
    }
    return false;
  }

  private boolean startsWith(String prefix) {
    if (lineLength < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (line[i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int lowerCase(byte b) {
    return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
  }

  private static boolean isBlank(byte b) {
    return b == ' ' || b == '\t';
  }

  private void endOfHead() throws ProtocolException {
    if (status >= 100 && status < 200) {
      if (status == 101) {
        throw new ProtocolException("unexpected 101 Switching Protocols");
      }
      startHead(); // an interim response: the real one follows
      return;
    }
    if (headRequest || status == 204 || status == 304) {
      state = State.DONE;
    } else if (chunked) {
      state = State.CHUNK_SIZE;
    } else if (contentLength >= 0) {
      remaining = contentLength;
      state = remaining == 0 ? State.DONE : State.FIXED;
    } else {
      closeAfter = true;
      state = State.UNTIL_CLOSE;
    }
  }

  private void chunkSize() throws ProtocolException {
    long size = 0;
    int digits = 0;
    for (int i = 0; i < lineLength; i++) {
      int digit = Character.digit(line[i], 16);
      if (digit < 0) {
        break; // chunk extensions (";name=value") and padding are ignored
      }
      if (++digits > 15) {
        throw new ProtocolException("chunk size too large");
      }
      size = size * 16 + digit;
    }
    if (digits == 0) {
      throw new ProtocolException("chunk size is not hexadecimal: " + printable(0, lineLength));
    }
    lineLength = 0;
    if (size == 0) {
      state = State.TRAILERS;
    } else {
      remaining = size;
      state = State.CHUNK_DATA;
    }
  }

  /** Part of the line for an error message: short and without control characters. */
  private String printable(int from, int to) {
    String text = new String(line, from, to - from, StandardCharsets.ISO_8859_1);
    String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
    return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
  }
}
