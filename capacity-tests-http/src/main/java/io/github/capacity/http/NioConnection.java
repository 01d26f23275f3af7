package io.github.capacity.http;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One keep-alive connection of a {@link NioClient}: its channel, the call it carries (none while
 * idle), the request bytes still to send, and the parser of the response. Also the body sink
 * between parser and call, which decodes gzip when the response says so. Guarded by the loop's
 * lock.
 */
final class NioConnection implements ResponseParser.BodySink {
  /** Requests up to this size (most) go out from the connection's own native buffer. */
  private static final int DIRECT_OUT_BYTES = 4096;
  /**
   * A large body goes out in slices of this size: the JDK copies a heap buffer into a temporary
   * native one as large as what is written at once, which for a whole 16 MiB body would be a
   * second copy of it per writing thread.
   */
  private static final int WRITE_SLICE_BYTES = 64 * 1024;
  final ResponseParser parser = new ResponseParser();
  SocketChannel channel;
  SelectionKey key;
  /** Where a connect goes next, once the host name is resolved. */
  InetAddress[] addresses;
  int addressIndex;
  /** The call on this connection, or {@code null} while idle. */
  NioCall call;
  /** The request head (and a small body) not yet written, or {@code null} once sent. */
  private ByteBuffer out;
  /** The shared body's view not yet written, or {@code null}. */
  private ByteBuffer bodyOut;
  /** Whether TCP is still connecting (also while the host name resolves). */
  boolean connecting = true;
  /** Responses completed on this connection: a stale pooled connection has served some. */
  int served;
  /** Whether it was opened ahead of calls, and so may have waited idle like a pooled one. */
  boolean openedAhead;
  /** Whether it has carried a response or waited idle: the server may have closed it meanwhile. */
  boolean reused() {
    return served > 0 || openedAhead;
  }
  /** When the current phase (connect, write, read, idle keep-alive) times out, as nanoTime. */
  long deadline = Long.MAX_VALUE;
  boolean closed;
  private final boolean decodeGzip;
  private ByteBuffer directOut;
  private ContentDecoder decoder;
  private boolean decoding;

  NioConnection(boolean decodeGzip) {
    this.decodeGzip = decodeGzip;
  }

  /** Puts {@code next} on this connection and resets the parser for its response. */
  void carry(NioCall next, HttpBody body, boolean headRequest) {
    call = next;
    byte[] head = next.head();
    int bodyLength = body == null ? 0 : body.bytes().length;
    bodyOut = null;
    if (head.length + bodyLength <= DIRECT_OUT_BYTES) {
      // A socket writes only from native memory: a heap buffer would be copied into a temporary
      // one at every write, after a wrapper object per request.
      if (directOut == null) {
        directOut = ByteBuffer.allocateDirect(DIRECT_OUT_BYTES);
      }
      directOut.clear();
      directOut.put(head);
      if (bodyLength > 0) {
        directOut.put(body.bytes());
      }
      out = directOut.flip();
    } else {
      out = ByteBuffer.wrap(head);
      bodyOut = bodyLength == 0 ? null : body.view();
    }
    decoding = false;
    parser.reset(headRequest, this);
  }

  /** Whether request bytes remain to be written. */
  boolean sending() {
    return out != null;
  }

  /** Writes what the channel takes now; returns whether the whole request is sent. */
  boolean writeSome() throws IOException {
    if (out.hasRemaining()) {
      channel.write(out);
      if (out.hasRemaining()) {
        return false;
      }
    }
    while (bodyOut != null && bodyOut.position() < bodyOut.capacity()) {
      bodyOut.limit(Math.min(bodyOut.capacity(), bodyOut.position() + WRITE_SLICE_BYTES));
      channel.write(bodyOut);
      if (bodyOut.hasRemaining()) {
        return false;
      }
    }
    out = null;
    bodyOut = null;
    return true;
  }

  @Override
  public void body(byte[] bytes, int offset, int length) {
    if (decodeGzip && parser.coding() != ContentDecoder.Coding.IDENTITY) {
      if (decoder == null) {
        decoder = new ContentDecoder();
      }
      if (!decoding) {
        decoder.reset(parser.coding(), call);
        decoding = true;
      }
      decoder.body(bytes, offset, length);
    } else {
      call.body(bytes, offset, length);
    }
  }

  /** Why the body could not be decoded, or {@code null}. */
  String decodingError() {
    return decoding ? decoder.error() : null;
  }

  /** Closes the channel (which cancels its key), keeping the connection's state. */
  void closeChannel() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing is lost: the descriptor is released either way
      }
      channel = null;
      key = null;
    }
  }

  void releaseDecoder() {
    if (decoder != null) {
      decoder.close();
      decoder = null;
    }
  }
}
