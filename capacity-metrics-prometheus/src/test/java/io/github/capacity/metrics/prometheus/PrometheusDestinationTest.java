package io.github.capacity.metrics.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.capacity.api.Definition;
import io.github.capacity.api.DestinationContext;
import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.MetricsSink;
import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.Result;
import io.github.capacity.api.testing.FakeTimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusDestinationTest {
  private static final long EPOCH_MILLIS = 1_767_225_600_000L;

  @TempDir Path tempDir;
  private final FakeTimeSource time = new FakeTimeSource(EPOCH_MILLIS);
  private final Receiver receiver = new Receiver();
  private MetricsSink sink;

  PrometheusDestinationTest() throws Exception {}

  @AfterEach
  void tearDown() {
    if (sink != null) {
      sink.close(Duration.ofSeconds(1));
    }
    receiver.close();
  }

  private MetricsSink open(Map<String, Object> settings) throws Exception {
    sink = new PrometheusDestination().open(new Definition("destinations.json", "prom", "prometheus", settings),
        new DestinationContext("web1", tempDir, time, tempDir.resolve("spool"), 1 << 20));
    return sink;
  }

  private static Result result(long startMillis, long serviceMillis, Outcome outcome) {
    long planned = (EPOCH_MILLIS + startMillis) * 1_000_000L;
    return new Result("shop.home", "homepage", "web1", planned, planned, planned + serviceMillis * 1_000_000L,
        outcome);
  }

  @Test
  void sendsAnEndedIntervalAsOneRemoteWriteRequest() throws Exception {
    open(Map.of("url", receiver.url(), "labels", Map.of("env", "prod")));
    sink.record(result(100, 2, Outcome.ok(200, 10)));
    sink.record(result(200, 4, Outcome.failed(ErrorClass.TIMEOUT, "t")));
    sink.record(result(300, 0, Outcome.dropped()));
    time.advanceMillis(10_000);

    Receiver.Request request = receiver.take();
    assertThat(request.contentType()).isEqualTo("application/x-protobuf");
    assertThat(request.contentEncoding()).isEqualTo("snappy");
    assertThat(request.version()).isEqualTo("0.1.0");
    assertThat(request.timestampMillis()).isEqualTo(EPOCH_MILLIS + 10_000);
    Map<String, Double> samples = request.samples();
    assertThat(samples).containsEntry("capacity_executions_total{env=\"prod\",outcome=\"ok\",test=\"shop.home\"}", 1.0)
        .containsEntry("capacity_executions_total{env=\"prod\",outcome=\"failed\",test=\"shop.home\"}", 1.0)
        .containsEntry("capacity_executions_total{env=\"prod\",outcome=\"dropped\",test=\"shop.home\"}", 1.0)
        .containsEntry("capacity_executions_total{env=\"prod\",outcome=\"cancelled\",test=\"shop.home\"}", 0.0)
        .containsEntry("capacity_errors_total{env=\"prod\",error_class=\"timeout\",test=\"shop.home\"}", 1.0)
        .containsEntry("capacity_errors_total{env=\"prod\",error_class=\"dropped\",test=\"shop.home\"}", 1.0)
        .containsEntry("capacity_latency_seconds{env=\"prod\",quantile=\"0\",test=\"shop.home\"}", 0.002)
        .containsEntry("capacity_latency_seconds{env=\"prod\",quantile=\"1\",test=\"shop.home\"}", 0.004)
        .containsEntry("capacity_latency_seconds_mean{env=\"prod\",test=\"shop.home\"}", 0.003)
        .containsEntry("capacity_metrics_dropped_total{env=\"prod\"}", 0.0)
        .containsEntry("capacity_metrics_spooled_samples_total{env=\"prod\"}", 0.0);
    assertThat(samples.keySet()).filteredOn(name -> name.startsWith("capacity_service_time_seconds")).hasSize(6);
    assertThat(samples.keySet()).filteredOn(name -> name.startsWith("capacity_start_lag_seconds")).hasSize(6);
  }

  @Test
  void countersAddUpOverTheRunAndTheMinuteAccountIsSentAsGauges() throws Exception {
    open(Map.of("url", receiver.url()));
    sink.record(result(100, 2, Outcome.ok(200, 10)));
    time.advanceMillis(10_000);
    assertThat(receiver.take().samples()).containsEntry("capacity_executions_total{outcome=\"ok\",test=\"shop.home\"}", 1.0);

    sink.record(result(10_100, 2, Outcome.ok(200, 10)));
    sink.account(new MinuteAccount("shop.home", "web1", EPOCH_MILLIS, 6, 2, 2, 2, 0, 0, 0, 4));
    assertThat(sink.flush(Duration.ofSeconds(5))).isTrue();
    Map<String, Double> samples = receiver.take().samples();
    assertThat(samples).containsEntry("capacity_executions_total{outcome=\"ok\",test=\"shop.home\"}", 2.0)
        .containsEntry("capacity_minute_executions{state=\"planned\",test=\"shop.home\"}", 6.0)
        .containsEntry("capacity_minute_executions{state=\"skipped\",test=\"shop.home\"}", 4.0);
  }

  @Test
  void aFleetWideMinuteSaysTheHostsPlaceAndTheFleetsPlan() throws Exception {
    open(Map.of("url", receiver.url()));
    sink.account(new MinuteAccount("shop.api", "web1", EPOCH_MILLIS, 1201, 1201, 1201, 1201, 0, 0, 0, 0, 6001, 2, 5));
    assertThat(sink.flush(Duration.ofSeconds(5))).isTrue();
    assertThat(receiver.take().samples())
        .containsEntry("capacity_minute_executions{fleet_index=\"2\",fleet_size=\"5\",state=\"planned\",test=\"shop.api\"}",
            1201.0)
        .containsEntry("capacity_minute_fleet_planned_executions{fleet_index=\"2\",fleet_size=\"5\",test=\"shop.api\"}",
            6001.0);
  }

  @Test
  void aServerErrorIsSpooledAndSentInOrderOnceTheReceiverTakesRequestsAgain() throws Exception {
    open(Map.of("url", receiver.url()));
    receiver.respond(503);
    sink.record(result(100, 2, Outcome.ok(200, 10)));
    time.advanceMillis(10_000);
    Await.until(() -> sink.health().spooled() > 0);
    sink.record(result(10_100, 2, Outcome.ok(200, 10)));
    time.advanceMillis(10_000); // a new interval while the first one waits in the spool

    Map<String, Double> first = receiver.take().samples();
    Map<String, Double> second = receiver.take().samples();
    assertThat(first).containsEntry("capacity_executions_total{outcome=\"ok\",test=\"shop.home\"}", 1.0);
    assertThat(second).containsEntry("capacity_executions_total{outcome=\"ok\",test=\"shop.home\"}", 2.0);
    Await.until(() -> sink.health().replayed() == sink.health().spooled());
  }

  @Test
  void aRequestTheReceiverRefusesForGoodIsDroppedAndCounted() throws Exception {
    open(Map.of("url", receiver.url()));
    receiver.respond(400);
    sink.record(result(100, 2, Outcome.ok(200, 10)));
    time.advanceMillis(10_000);
    Map<String, Double> next = receiver.take().samples(); // the drop is reported with the next counters
    assertThat(next).containsEntry("capacity_metrics_rejected_requests_total", 1.0);
    assertThat(sink.health().spooled()).isZero();
  }

  @Test
  void refusesAnUnknownSchemeAndLabelsItWouldOverwrite() {
    assertThatThrownBy(() -> open(Map.of("url", "ftp://example/")))
        .hasMessage("destinations.json: prom.url: is \"ftp://example/\", expected an http or https URL such as"
            + " \"http://prometheus:9090/api/v1/write\"");
    assertThatThrownBy(() -> open(Map.of("labels", Map.of("test", "x"))))
        .hasMessage("destinations.json: prom.labels: holds \"test\": \"x\", expected label names of letters,"
            + " digits and _ (not error_class, fleet_index, fleet_size, host, job, outcome, quantile, state, test) with"
            + " string values");
  }
}
