package io.github.capacity.metrics.prometheus;

import com.sun.net.httpserver.HttpServer;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.github.capacity.metrics.prometheus.prompb.Label;
import io.github.capacity.metrics.prometheus.prompb.TimeSeries;
import io.github.capacity.metrics.prometheus.prompb.WriteRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A remote-write receiver on 127.0.0.1 and a free port: decodes each request, records it with its
 * headers, and answers with the next status queued (204 when none).
 */
final class Receiver implements AutoCloseable {
  /** One request: its headers of interest, and its samples as {@code name{labels} -> value}. */
  record Request(String contentType, String contentEncoding, String version, Map<String, Double> samples,
      long timestampMillis) {}

  private final HttpServer server;
  private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
  private final BlockingQueue<Integer> statuses = new LinkedBlockingQueue<>();

  Receiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/v1/write", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      byte[] raw = new byte[SnappyDecompressor.getUncompressedLength(body, 0)];
      new SnappyDecompressor().decompress(body, 0, body.length, raw, 0, raw.length);
      WriteRequest request = WriteRequest.parseFrom(raw);
      Map<String, Double> samples = new TreeMap<>();
      long timestamp = 0;
      for (TimeSeries series : request.getTimeseriesList()) {
        samples.put(key(series), series.getSamples(0).getValue());
        timestamp = series.getSamples(0).getTimestamp();
      }
      Integer status = statuses.poll();
      if (status == null || status / 100 == 2) {
        requests.add(new Request(exchange.getRequestHeaders().getFirst("Content-Type"),
            exchange.getRequestHeaders().getFirst("Content-Encoding"),
            exchange.getRequestHeaders().getFirst("X-Prometheus-Remote-Write-Version"), samples, timestamp));
      }
      exchange.sendResponseHeaders(status == null ? 204 : status, -1);
      exchange.close();
    });
    server.start();
  }

  /** {@code name{label="value",...}} without {@code job} and {@code host}, labels sorted. */
  private static String key(TimeSeries series) {
    String name = "";
    StringBuilder labels = new StringBuilder();
    for (Label label : series.getLabelsList()) {
      if (label.getName().equals("__name__")) {
        name = label.getValue();
      } else if (!label.getName().equals("job") && !label.getName().equals("host")) {
        labels.append(labels.length() == 0 ? "" : ",").append(label.getName()).append("=\"")
            .append(label.getValue()).append('"');
      }
    }
    return labels.length() == 0 ? name : name + "{" + labels + "}";
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/write";
  }

  /** Answers the next requests with these statuses. */
  void respond(int... codes) {
    for (int code : codes) {
      statuses.add(code);
    }
  }

  /** The next accepted request; fails after 10 s. */
  Request take() throws InterruptedException {
    Request request = requests.poll(10, TimeUnit.SECONDS);
    if (request == null) {
      throw new AssertionError("no remote-write request within 10 s");
    }
    return request;
  }

  static String names(Map<String, Double> samples) {
    return samples.keySet().stream().collect(Collectors.joining("\n"));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
