package io.github.capacity.http;

import static io.github.capacity.http.HttpFixtures.definition;
import static io.github.capacity.http.HttpFixtures.prepare;
import static io.github.capacity.http.HttpFixtures.runOnce;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.Outcome;
import io.github.capacity.api.PreparedTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A server that closes each connection after its response without saying so (as HTTP/1.0 servers
 * and idle keep-alive timeouts do) leaves dead connections in the pool; the next request must go
 * out on a fresh one instead of reporting the target as failing.
 */
class StaleConnectionTest {

  @ParameterizedTest(name = "client {0}")
  @ValueSource(strings = {"okhttp", "nio"})
  void aPooledConnectionTheServerClosedIsReplacedNotReportedAsAReset(String client) throws Exception {
    AtomicInteger connections = new AtomicInteger();
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread serving = new Thread(() -> {
        while (!server.isClosed()) {
          try (Socket socket = server.accept()) {
            connections.incrementAndGet();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
              // read the request head
            }
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
            out.flush();
          } catch (Exception e) {
            return; // server closed
          }
        }
      }, "closing-server");
      serving.setDaemon(true);
      serving.start();

      List<Outcome> outcomes = new ArrayList<>();
      try (PreparedTest test = prepare(definition("url", "http://127.0.0.1:" + server.getLocalPort() + "/",
          "client", client))) {
        for (int i = 0; i < 20; i++) {
          outcomes.add(runOnce(test));
        }
      }

      assertThat(outcomes).allSatisfy(o -> assertThat(o.ok()).as(String.valueOf(o)).isTrue());
      assertThat(connections.get()).isGreaterThanOrEqualTo(20);
    }
  }
}
