package io.github.capacity.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.MetricsDestination;
import io.github.capacity.api.TestType;
import io.github.capacity.api.Trip;
import io.github.capacity.core.CapacityEngine;
import io.github.capacity.core.config.ConfigFiles;
import io.github.capacity.core.config.DefinitionsFile;
import io.github.capacity.core.guard.TripRecord;
import io.github.capacity.core.guard.TripStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capacity search of docs/capacity-search.md, for real: a ramp of the http test against an
 * nginx that answers 503 above 20 requests a second, with an {@code abort} block. The ramp must
 * trip within a few seconds of crossing the limit, and the knee it records must be within 10 %
 * of it. About 30 s of real time, at most 30 requests a second.
 */
class KneeSearchIT {
  private static final int LIMIT_PER_SECOND = 20;
  private static final double LIMIT_PER_MINUTE = LIMIT_PER_SECOND * 60;
  /** From 12 to 28 a second over 48 s: 20 a minute more each second, the limit at 24 s. */
  private static final String RAMP = "ramp(720,1680,48s)";
  private static final long CROSSING_MILLIS = 24_000;

  @TempDir Path dir;

  @Test
  void aRampWithAGuardrailFindsTheKnee() throws Exception {
    try (RateLimitedNginx nginx = RateLimitedNginx.start(dir.resolve("nginx"), LIMIT_PER_SECOND, 3)) {
      Path trips = dir.resolve("trips");
      Path results = Files.createDirectories(dir.resolve("results"));
      long startMillis = (System.currentTimeMillis() / 1000 + 3) * 1000; // whole seconds, as written
      DefinitionsFile tests = DefinitionsFile.parse("tests.json", "{\"knee\": {\"type\": \"http\", \"url\": \""
          + nginx.url() + "\", \"timeout\": \"2s\",\n \"abort\": {\"when\": [\"error_rate > 5%\"],"
          + " \"window\": \"2s\", \"min_count\": 20, \"cooldown\": \"10m\"}}}");
      String line = "shop.knee|knee|" + RAMP + "@" + Instant.ofEpochMilli(startMillis) + "|file";
      CapacityEngine engine = CapacityEngine.builder()
          .host("knee-host")
          .testTypes(ServiceLoader.load(TestType.class))
          .destinationTypes(ServiceLoader.load(MetricsDestination.class))
          .tests(tests.definitions(), tests::lineOf)
          .configSource(() -> ConfigFiles.parse("conf.d/knee.conf", line))
          .logDir(results)
          .trips(trips)
          .build();
      CompletableFuture<Void> run = CompletableFuture.runAsync(() -> engine.runUntil(startMillis + 50_000));
      TripStore store = new TripStore(trips);
      try {
        while (store.read("shop.knee") == null) {
          try {
            run.get(100, TimeUnit.MILLISECONDS);
            break; // the run ended without a trip: the assertions below say so
          } catch (TimeoutException stillRunning) {
            // look for the record again
          }
        }
      } finally {
        engine.stop();
        run.get(30, TimeUnit.SECONDS);
        engine.close();
      }

      TripStore.Stored stored = store.read("shop.knee");
      assertThat(stored).as("a trip record in " + trips).isNotNull();
      TripRecord record = stored.record();
      Trip trip = record.trip();
      long crossing = startMillis + CROSSING_MILLIS;
      assertThat(trip.condition()).isEqualTo("error_rate > 5%");
      assertThat(trip.epochMillis() - crossing).as("trip %d ms after the crossing", trip.epochMillis() - crossing)
          .isBetween(0L, 8_000L);
      assertThat(trip.heldRate()).as("the knee, the last rate that held").isBetween(LIMIT_PER_MINUTE * 0.9, LIMIT_PER_MINUTE * 1.1);
      assertThat(trip.trippedRate()).as("the rate when it tripped").isBetween(LIMIT_PER_MINUTE, LIMIT_PER_MINUTE * 1.15);
      assertThat(record.rate()).isEqualTo(RAMP + "@" + Instant.ofEpochMilli(startMillis));
      assertThat(tripLines(results)).as("the trip in the results").singleElement()
          .satisfies(l -> assertThat(l).contains("\"tripped_rate\":" + Trip.rate(trip.trippedRate()),
              "\"held_rate\":" + Trip.rate(trip.heldRate())));
      System.out.printf("knee search: limit %.0f/min, held %.1f/min, tripped %.1f/min, %d ms after the"
          + " crossing: %s%n", LIMIT_PER_MINUTE, trip.heldRate(), trip.trippedRate(),
          trip.epochMillis() - crossing, trip.figures());
    }
  }

  private static List<String> tripLines(Path results) throws Exception {
    try (Stream<Path> files = Files.list(results)) {
      return files.flatMap(f -> {
        try {
          return Files.readAllLines(f).stream();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).filter(l -> l.startsWith("{\"kind\":\"trip\"")).toList();
    }
  }
}
