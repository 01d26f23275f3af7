package io.github.capacity.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * A {@link Transport} sending each payload as one datagram from a connected UDP socket, so that an
 * ICMP "port unreachable" surfaces as an error on a later send. The host is resolved when the
 * socket is (re)opened. Thread safety: see {@link Transport}.
 */
public final class UdpTransport implements Transport {
  private final String host;
  private final int port;
  private volatile DatagramChannel channel;

  public UdpTransport(String host, int port) {
    this.host = host;
    this.port = port;
  }

  @Override
  public void send(String target, byte[] payload) throws IOException {
    DatagramChannel open = channel;
    if (open == null || !open.isOpen()) {
      open = DatagramChannel.open();
      open.connect(Sockets.resolve(host, port));
      channel = open;
    }
    try {
      open.write(ByteBuffer.wrap(payload));
    } catch (IOException e) {
      disconnect();
      throw e;
    }
  }

  @Override
  public void disconnect() {
    DatagramChannel open = channel;
    channel = null;
    Sockets.closeQuietly(open);
  }

  @Override
  public String endpoint() {
    return "udp://" + host + ":" + port;
  }
}
