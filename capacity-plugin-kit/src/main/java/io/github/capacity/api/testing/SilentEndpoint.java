package io.github.capacity.api.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback TCP port where a connection attempt is never answered, as with a metrics server
 * behind a firewall that drops packets: a listening socket that never accepts, whose accept queue
 * is filled first, so that the kernel drops further handshakes and {@code connect} waits until
 * its own timeout. (UDP senders never wait: for them it is simply a port nobody reads.)
 */
public final class SilentEndpoint implements AutoCloseable {
  private final ServerSocket server = new ServerSocket();
  private final List<Socket> fillers = new ArrayList<>();

  /** Opens the port and fills its queue; loopback only. */
  public SilentEndpoint() throws IOException {
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
    for (int i = 0; i < 16; i++) {
      Socket filler = new Socket();
      fillers.add(filler);
      try {
        filler.connect(server.getLocalSocketAddress(), 200);
      } catch (SocketTimeoutException full) {
        return; // the queue is full: from now on, handshakes go unanswered
      }
    }
  }

  /** Where nothing answers. */
  public InetSocketAddress address() {
    return (InetSocketAddress) server.getLocalSocketAddress();
  }

  @Override
  public void close() throws IOException {
    for (Socket filler : fillers) {
      filler.close();
    }
    server.close();
  }
}
