package io.github.capacity.http;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One keep-alive connection of a {@link NioPreparedTest}: its channel, the call it carries (none
 * while idle), the request bytes still to send, and the parser of the response. Also the body
 * sink between parser and call, which decodes gzip when the response says so. Used by the event
 * loop thread only.
 */
final class NioConnection implements ResponseParser.BodySink {
  /** Requests up to this size (most) go out from the connection's own native buffer. */
  private static final int DIRECT_OUT_BYTES = 4096;
  final ResponseParser parser = new ResponseParser();
  SocketChannel channel;
  SelectionKey key;
  /** Where a connect goes next, once the host name is resolved. */
  InetAddress[] addresses;
  int addressIndex;
  /** The call on this connection, or {@code null} while idle. */
  NioCall call;
  /** The request bytes not yet written, or {@code null} once all are sent. */
  ByteBuffer out;
  /** Whether TCP is still connecting (also while the host name resolves). */
  boolean connecting = true;
  /** Responses completed on this connection: a stale pooled connection has served some. */
  int served;
  /** Whether it was opened ahead of calls, and so may have waited idle like a pooled one. */
  boolean openedAhead;
  /** When the current phase (connect, write, read, idle keep-alive) times out, as nanoTime. */
  long deadline = Long.MAX_VALUE;
  boolean closed;
  private final boolean decodeGzip;
  private ByteBuffer directOut;
  private GzipInflatingSink gzip;
  private boolean gzipStarted;

  NioConnection(boolean decodeGzip) {
    this.decodeGzip = decodeGzip;
  }

  /** Puts {@code next} on this connection and resets the parser for its response. */
  void carry(NioCall next, boolean headRequest) {
    call = next;
    byte[] request = next.request();
    if (request.length <= DIRECT_OUT_BYTES) {
      // A socket writes only from native memory: a heap buffer would be copied into a temporary
      // one at every write, after a wrapper object per request.
      if (directOut == null) {
        directOut = ByteBuffer.allocateDirect(DIRECT_OUT_BYTES);
      }
      directOut.clear();
      directOut.put(request).flip();
      out = directOut;
    } else {
      out = ByteBuffer.wrap(request);
    }
    gzipStarted = false;
    parser.reset(headRequest, this);
  }

  @Override
  public void body(byte[] bytes, int offset, int length) {
    if (decodeGzip && parser.gzip()) {
      if (gzip == null) {
        gzip = new GzipInflatingSink();
      }
      if (!gzipStarted) {
        gzip.reset(call);
        gzipStarted = true;
      }
      gzip.body(bytes, offset, length);
    } else {
      call.body(bytes, offset, length);
    }
  }

  /** Why the body could not be decoded, or {@code null}. */
  String decodingError() {
    return gzipStarted ? gzip.error() : null;
  }

  void releaseDecoder() {
    if (gzip != null) {
      gzip.close();
      gzip = null;
    }
  }
}
