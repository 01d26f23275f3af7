package io.github.capacity.core.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.Trip;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TripStoreTest {
  @TempDir Path dir;

  private static TripRecord record(String testName, double held) {
    return new TripRecord(new Trip(testName, "web-1", "error_rate > 5%",
        "error_rate 7.3%: 11 of 150 executions failed in the last 10 s", 1_767_225_600_250L,
        1_767_227_400_250L, 2460.04, held), "search", "conf.d/shop.conf:3",
        "ramp(600,6000,10m)@2026-01-01T00:00:00Z", 150, 11, 0, 10);
  }

  @Test
  void aRecordIsJsonThatPeopleAndToolsCanRead() throws Exception {
    TripStore store = new TripStore(dir.resolve("trips"));
    store.write(record("shop.search", 2415.0));

    Path file = dir.resolve("trips/shop.search.trip");
    assertThat(Files.readString(file)).isEqualTo("""
        {
          "test_name" : "shop.search",
          "host" : "web-1",
          "condition" : "error_rate > 5%",
          "figures" : "error_rate 7.3%: 11 of 150 executions failed in the last 10 s",
          "tripped_at" : "2026-01-01T00:00:00.250Z",
          "until" : "2026-01-01T00:30:00.250Z",
          "tripped_rate" : 2460.0,
          "held_rate" : 2415.0,
          "rate" : "ramp(600,6000,10m)@2026-01-01T00:00:00Z",
          "test_type" : "search",
          "line" : "conf.d/shop.conf:3",
          "window_s" : 10,
          "ran" : 150,
          "failed" : 11,
          "dropped" : 0,
          "tripped_epoch_ms" : 1767225600250,
          "until_epoch_ms" : 1767227400250
        }
        """);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
    TripStore.Stored stored = store.read("shop.search");
    assertThat(stored.problem()).isNull();
    assertThat(stored.record().trip().heldRate()).isEqualTo(2415.0);
    assertThat(stored.record().trip().trippedRate()).isEqualTo(2460.0);
    assertThat(stored.record().activeAt(1_767_227_400_249L)).isTrue();
    assertThat(stored.record().activeAt(1_767_227_400_250L)).isFalse();
  }

  @Test
  void noHeldRateIsNullAndReadsBackAsNone() throws Exception {
    TripStore store = new TripStore(dir);
    store.write(record("t", Double.NaN));

    assertThat(Files.readString(dir.resolve("t.trip"))).contains("\"held_rate\" : null,");
    assertThat(store.read("t").record().trip().hasHeldRate()).isFalse();
  }

  @Test
  void aRewriteReplacesTheRecordWholeAndLeavesNoTemporaryFile() throws Exception {
    TripStore store = new TripStore(dir);
    store.write(record("t", 1));
    store.write(record("t", 2));

    assertThat(store.read("t").record().trip().heldRate()).isEqualTo(2);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("t.trip");
    }
  }

  @Test
  void aSymbolicLinkIsReplacedNotWrittenThroughAndNeverRead() throws Exception {
    Path victim = Files.writeString(dir.resolve("victim"), "precious\n");
    TripStore store = new TripStore(dir.resolve("trips"));
    Files.createDirectories(store.dir());
    Files.createSymbolicLink(store.fileOf("t"), victim);

    TripStore.Stored linked = store.read("t");
    assertThat(linked.record()).isNull();
    assertThat(linked.problem()).isEqualTo("cannot be read: it is a symbolic link");

    store.write(record("t", 1));
    assertThat(Files.readString(victim)).isEqualTo("precious\n");
    assertThat(Files.isSymbolicLink(store.fileOf("t"))).isFalse();
    assertThat(store.read("t").record()).isNotNull();
  }

  @Test
  void aBrokenRecordSaysWhatIsWrong() throws Exception {
    TripStore store = new TripStore(dir);
    Files.writeString(store.fileOf("a"), "{\"test_name\": \"a\"}");
    Files.writeString(store.fileOf("b"), "[]");

    assertThat(store.read("a").problem()).isEqualTo("cannot be read: \"host\" is missing or not a string");
    assertThat(store.read("b").problem()).isEqualTo("cannot be read: not a JSON object");
    assertThat(store.read("c")).isNull();
    assertThat(store.list()).extracting(TripStore.Stored::testName).containsExactly("a", "b");
  }

  @Test
  void anAbsentFolderHasNoRecords() throws Exception {
    TripStore store = new TripStore(dir.resolve("none"));

    assertThat(store.list()).isEmpty();
    assertThat(store.read("t")).isNull();
    assertThat(store.remove("t")).isFalse();
  }
}
