package io.github.capacity.metrics.graphite;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A loopback TCP server that reads plaintext lines, for exact wire assertions. */
final class LineServer implements AutoCloseable {
  private final ServerSocket server;
  private Socket connection;
  private final StringBuilder received = new StringBuilder();

  LineServer(int port) throws IOException {
    server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
    server.setSoTimeout(5_000);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Reads until {@code count} lines have arrived in all, and returns the new ones; fails after 5 s. */
  List<String> readLines(int count) throws IOException {
    if (connection == null) {
      connection = server.accept();
      connection.setSoTimeout(5_000);
    }
    byte[] buffer = new byte[8192];
    while (received.chars().filter(c -> c == '\n').count() < count) {
      int read;
      try {
        read = connection.getInputStream().read(buffer);
      } catch (SocketTimeoutException e) {
        throw new AssertionError("got only: " + received, e);
      }
      if (read < 0) {
        throw new AssertionError("connection closed after: " + received);
      }
      received.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
    }
    List<String> lines = new ArrayList<>();
    int end;
    while (lines.size() < count && (end = received.indexOf("\n")) >= 0) {
      lines.add(received.substring(0, end));
      received.delete(0, end + 1);
    }
    return lines;
  }

  /** Reads until the client closes the connection, and returns the lines not yet returned. */
  List<String> readToEnd() throws IOException {
    if (connection == null) {
      connection = server.accept();
      connection.setSoTimeout(5_000);
    }
    received.append(new String(connection.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    List<String> lines = new ArrayList<>(List.of(received.toString().split("\n")));
    received.setLength(0);
    lines.removeIf(String::isEmpty);
    return lines;
  }

  @Override
  public void close() throws IOException {
    if (connection != null) {
      connection.close();
    }
    server.close();
  }
}
