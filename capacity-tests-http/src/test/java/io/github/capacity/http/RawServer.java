package io.github.capacity.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * Loopback listeners that misbehave in the ways MockWebServer cannot: never answer, reset, speak
 * garbage, refuse, or let a connect time out. Each owns its sockets and closes them.
 */
final class RawServer implements AutoCloseable {
  /** What the server does with each accepted connection. */
  interface Handler {
    void handle(Socket socket) throws IOException;
  }

  private final ServerSocket listener;
  private final List<Socket> clients = new ArrayList<>();

  private RawServer(ServerSocket listener) {
    this.listener = listener;
  }

  /** Accepts at the TCP level (the kernel completes the handshake) but never reads or answers. */
  static RawServer neverAnswering() throws IOException {
    return new RawServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
  }

  /** Accepts each connection on a daemon thread and hands it to {@code handler}. */
  static RawServer accepting(Handler handler) throws IOException {
    RawServer server = neverAnswering();
    Thread acceptor = new Thread(() -> {
      while (!server.listener.isClosed()) {
        try (Socket socket = server.listener.accept()) {
          handler.handle(socket);
        } catch (IOException e) {
          // closed by close(), or the client went away: nothing to do
        }
      }
    }, "raw-server-" + server.port());
    acceptor.setDaemon(true);
    acceptor.start();
    return server;
  }

  /**
   * Serves each connection on a thread of its own, so that a client holding one open does not
   * keep the next from being served. The sockets are closed by {@link #close}.
   */
  static RawServer serving(Handler handler) throws IOException {
    RawServer server = neverAnswering();
    Thread acceptor = new Thread(() -> {
      while (!server.listener.isClosed()) {
        try {
          Socket socket = server.listener.accept();
          synchronized (server.clients) {
            server.clients.add(socket);
          }
          Thread connection = new Thread(() -> {
            try (socket) {
              handler.handle(socket);
            } catch (IOException e) {
              // the client went away, or close(): nothing to do
            }
          }, "raw-server-connection");
          connection.setDaemon(true);
          connection.start();
        } catch (IOException e) {
          return; // closed by close()
        }
      }
    }, "raw-server-" + server.port());
    acceptor.setDaemon(true);
    acceptor.start();
    return server;
  }

  /** Writes {@code text} (ISO-8859-1) and flushes. */
  static void write(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
  }

  /** Reads the request head, then resets the connection (SO_LINGER 0 sends RST, not FIN). */
  static RawServer resetting() throws IOException {
    return accepting(socket -> {
      readRequestHead(socket.getInputStream());
      socket.setSoLinger(true, 0);
    });
  }

  /** Answers every request with something that is not HTTP. */
  static RawServer garbage() throws IOException {
    return accepting(socket -> {
      readRequestHead(socket.getInputStream());
      socket.getOutputStream().write("SSH-2.0-OpenSSH_9.2\r\n\r\n".getBytes());
      socket.getOutputStream().flush();
    });
  }

  /** Answers every request with {@code response} as it is, then closes the connection. */
  static RawServer answering(String response) throws IOException {
    return accepting(socket -> {
      readRequestHead(socket.getInputStream());
      socket.getOutputStream().write(response.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
    });
  }

  /**
   * A listener with a backlog of one that never accepts, its queue filled by connections of our
   * own: Linux then drops further SYNs, so the next connect times out. Loopback only.
   */
  static RawServer withFullBacklog() throws IOException {
    RawServer server = new RawServer(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
    for (int i = 0; i < 16; i++) {
      Socket filler = new Socket();
      try {
        filler.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 200);
        server.clients.add(filler);
      } catch (SocketTimeoutException e) {
        filler.close();
        return server; // the queue is full
      }
    }
    server.close();
    throw new IllegalStateException("the backlog never filled; connect_timeout cannot be produced");
  }

  /** A port where nothing listens: bound to find it free, then closed. */
  static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  int port() {
    return listener.getLocalPort();
  }

  String url() {
    return "http://127.0.0.1:" + port() + "/";
  }

  /** Reads up to the end of a request head; returns false when the connection ended first. */
  static boolean readRequestHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = "\r\n\r\n".getBytes();
    for (int b; matched < end.length && (b = in.read()) != -1; ) {
      matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
    }
    return matched == end.length;
  }

  @Override
  public void close() throws IOException {
    listener.close();
    synchronized (clients) {
      for (Socket client : clients) {
        client.close();
      }
    }
  }
}
