package io.github.capacity.metrics.udp;

import static io.github.capacity.metrics.internal.Fixtures.EPOCH_MILLIS;
import static io.github.capacity.metrics.internal.Fixtures.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.Definition;
import io.github.capacity.api.DestinationContext;
import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.MetricsSink;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.Problem;
import io.github.capacity.api.testing.FakeTimeSource;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UdpDestinationTest {
  @TempDir Path tempDir;

  private static String receive(DatagramSocket socket) throws Exception {
    DatagramPacket packet = new DatagramPacket(new byte[65_536], 65_536);
    socket.receive(packet);
    return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
  }

  @Test
  void sendsTheSeedsDocumentPerExecutionPlusTheRicherFields() throws Exception {
    try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      receiver.setSoTimeout(5_000);
      MetricsSink sink = new UdpDestination().open(
          new Definition("destinations.json", "udp", "udp", Map.of("port", receiver.getLocalPort())),
          new DestinationContext("web1", tempDir, FakeTimeSource.atSecond(0)));
      sink.record(result("shop\nhome", 1_000_000, 300, 1_700, Outcome.failed(ErrorClass.HTTP_STATUS, 503, 20, "503")));
      sink.problem(new Problem("gone", "web1", ErrorClass.UNKNOWN_TEST_TYPE, "m", EPOCH_MILLIS));

      assertThat(receive(receiver)).isEqualTo(""
          + "{\"kind\":\"execution\",\"test_name\":\"shop\\nhome\",\"test_time\":0.0017,\"test_epoch\":1767225601,"
          + "\"test_type\":\"homepage\",\"host\":\"web1\",\"planned_epoch_ns\":1767225601000000000,"
          + "\"start_epoch_ns\":1767225601000300000,\"end_epoch_ns\":1767225601002000000,\"latency_ms\":2.0,"
          + "\"service_time_ms\":1.7,\"start_lag_ms\":0.3,\"ok\":false,\"error_class\":\"http_status\","
          + "\"status\":503,\"bytes\":20,\"detail\":\"503\"}");
      assertThat(receive(receiver)).isEqualTo("{\"kind\":\"problem\",\"test_name\":\"gone\",\"host\":\"web1\","
          + "\"error_class\":\"unknown_test_type\",\"message\":\"m\",\"epoch_ms\":1767225600000}");
      sink.close(Duration.ofSeconds(2));
    }
  }
}
