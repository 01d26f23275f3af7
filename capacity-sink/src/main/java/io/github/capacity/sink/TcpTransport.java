package io.github.capacity.sink;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A {@link Transport} over one TCP connection, opened on demand with a connect timeout. The host
 * is resolved on every connect, so a DNS change is seen at the next reconnect. Thread safety: see
 * {@link Transport}.
 */
public final class TcpTransport implements Transport {
  private final String host;
  private final int port;
  private final int connectTimeoutMillis;
  private volatile SocketChannel channel;

  public TcpTransport(String host, int port, int connectTimeoutMillis) {
    this.host = host;
    this.port = port;
    this.connectTimeoutMillis = connectTimeoutMillis;
  }

  @Override
  public void send(String target, byte[] payload) throws IOException {
    SocketChannel open = channel;
    if (open != null && (!open.isOpen() || !open.isConnected() || peerClosed(open))) {
      disconnect();
      open = null;
    }
    if (open == null) {
      open = connect();
    }
    ByteBuffer buffer = ByteBuffer.wrap(payload);
    try {
      while (buffer.hasRemaining()) {
        open.write(buffer);
      }
    } catch (IOException e) {
      disconnect();
      throw e;
    }
  }

  /**
   * Whether the server closed its end: Carbon never writes to us, so end-of-stream means it went
   * away (a restart). Checked before each payload, so that it goes to a fresh connection instead
   * of vanishing into a half-closed one.
   */
  private static boolean peerClosed(SocketChannel open) {
    try {
      open.configureBlocking(false);
      int read = open.read(ByteBuffer.allocate(64));
      open.configureBlocking(true);
      return read < 0;
    } catch (IOException e) {
      return true;
    }
  }

  private SocketChannel connect() throws IOException {
    InetSocketAddress address = Sockets.resolve(host, port);
    SocketChannel opened = SocketChannel.open();
    channel = opened; // published first, so that disconnect() can abort a slow connect too
    try {
      opened.socket().connect(address, connectTimeoutMillis);
      opened.socket().setTcpNoDelay(true);
    } catch (IOException e) {
      disconnect();
      throw e;
    }
    return opened;
  }

  @Override
  public void disconnect() {
    SocketChannel open = channel;
    channel = null;
    Sockets.closeQuietly(open);
  }

  @Override
  public String endpoint() {
    return "tcp://" + host + ":" + port;
  }
}
