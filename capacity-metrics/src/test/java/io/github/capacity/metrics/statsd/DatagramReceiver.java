package io.github.capacity.metrics.statsd;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/** A loopback UDP socket that hands back each datagram as text. */
final class DatagramReceiver implements AutoCloseable {
  private final DatagramSocket socket;

  DatagramReceiver() throws IOException {
    socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    socket.setSoTimeout(5_000);
  }

  int port() {
    return socket.getLocalPort();
  }

  /** The next datagram; fails after 5 s. */
  String receive() throws IOException {
    DatagramPacket packet = new DatagramPacket(new byte[65_536], 65_536);
    socket.receive(packet);
    return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    socket.close();
  }
}
