package io.github.capacity.metrics.graphite;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A loopback server that accepts connections and never reads, until told to start reading. */
final class BlackHole implements AutoCloseable {
  private final ServerSocket server = new ServerSocket();
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private final Thread acceptor;
  private volatile boolean reading;

  BlackHole() throws IOException {
    server.setReceiveBufferSize(4096); // inherited by accepted sockets: fills up fast
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    acceptor = new Thread(this::acceptAll, "black-hole");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** From now on, reads and discards everything on every connection: a slow reader catching up. */
  void startReading() {
    reading = true;
    accepted.forEach(this::drain);
  }

  private void acceptAll() {
    try {
      while (true) {
        Socket socket = server.accept();
        accepted.add(socket);
        if (reading) {
          drain(socket);
        }
      }
    } catch (IOException closed) {
      // close() was called.
    }
  }

  private void drain(Socket socket) {
    Thread reader = new Thread(() -> {
      byte[] buffer = new byte[64 * 1024];
      try (InputStream in = socket.getInputStream()) {
        while (in.read(buffer) >= 0) {
          // discard
        }
      } catch (IOException closed) {
        // the test is over
      }
    }, "black-hole-reader");
    reader.setDaemon(true);
    reader.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : accepted) {
      socket.close();
    }
  }
}
