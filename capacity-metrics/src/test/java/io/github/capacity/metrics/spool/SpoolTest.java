package io.github.capacity.metrics.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.capacity.api.testing.FakeTimeSource;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
  private static final long FAST = 1L << 30;

  @TempDir Path folder;
  private final FakeTimeSource time = new FakeTimeSource(1_767_225_600_000L);
  private final List<String> sent = new ArrayList<>();

  @Test
  void replaySendsEveryRecordOldestFirstThenDeletesItsSegments() throws IOException {
    Spool spool = new Spool(folder, 1 << 20, FAST, time);
    for (int i = 0; i < 5; i++) {
      spool.append(bytes("record " + i), 2);
    }
    assertThat(spool.replayDue()).isTrue();
    spool.replay(this::record);

    assertThat(sent).containsExactly("record 0", "record 1", "record 2", "record 3", "record 4");
    assertThat(spool.counts()).isEqualTo(new Spool.Counts(10, 10, 0));
    assertThat(spool.replayDue()).isFalse();
    spool.close();
    assertThat(segmentFiles()).isEmpty();
  }

  @Test
  void theNextRunReadsWhatAnEarlierOneLeftAndResumesAfterWhatItSent() throws IOException {
    Spool earlier = new Spool(folder, 1 << 20, FAST, time);
    for (int i = 0; i < 4; i++) {
      earlier.append(bytes("record " + i), 1);
    }
    assertThatThrownBy(() -> earlier.replay(failingAfter(2))).hasMessage("down");
    earlier.close();
    assertThat(sent).containsExactly("record 0", "record 1");

    sent.clear();
    Spool next = new Spool(folder, 1 << 20, FAST, time);
    assertThat(next.replayDue()).isTrue();
    next.replay(this::record);
    assertThat(sent).containsExactly("record 2", "record 3");
    assertThat(next.counts()).isEqualTo(new Spool.Counts(0, 2, 0));
  }

  @Test
  void aTornTailFromAKilledWriterIsSkippedAndTheWholeRecordsBeforeItAreSent() throws IOException {
    Spool killed = new Spool(folder, 1 << 20, FAST, time);
    killed.append(bytes("whole one"), 1);
    killed.append(bytes("whole two"), 1);
    killed.close();
    Path segment = segmentFiles().get(0);
    // A record cut short: its header promises 100 bytes, 3 follow.
    Files.write(segment, new byte[] {0, 0, 0, 100, 0, 0, 0, 1, 1, 2, 3, 4, 'a', 'b', 'c'},
        StandardOpenOption.APPEND);

    Spool next = new Spool(folder, 1 << 20, FAST, time);
    next.replay(this::record);
    assertThat(sent).containsExactly("whole one", "whole two");
    assertThat(segmentFiles()).isEmpty();
  }

  @Test
  void aDamagedRecordEndsItsSegment() throws IOException {
    Spool writer = new Spool(folder, 1 << 20, FAST, time);
    writer.append(bytes("first"), 1);
    writer.append(bytes("second"), 1);
    writer.close();
    Path segment = segmentFiles().get(0);
    byte[] content = Files.readAllBytes(segment);
    content[content.length - 1] ^= 0x20; // one bit flipped in "second"
    Files.write(segment, content);

    Spool next = new Spool(folder, 1 << 20, FAST, time);
    next.replay(this::record);
    assertThat(sent).containsExactly("first");
  }

  @Test
  void replayKeepsToItsPace() throws IOException {
    Spool spool = new Spool(folder, 1 << 20, 2048, time);
    for (int i = 0; i < 20; i++) {
      spool.append(new byte[500], 1); // 512 bytes with the record header
    }
    spool.replay(this::record);
    assertThat(sent).hasSize(4); // the first second's 2048 bytes
    spool.replay(this::record);
    assertThat(sent).hasSize(4);
    assertThat(spool.replayDue()).isFalse();

    time.advanceMillis(500);
    spool.replay(this::record);
    assertThat(sent).hasSize(6);
    time.advanceMillis(10_000); // a long pause never saves up more than a second's worth
    spool.replay(this::record);
    assertThat(sent).hasSize(10);
  }

  @Test
  void aFullSpoolDropsItsOldestSegmentFirstAndCountsIt() throws IOException {
    // 8 KiB: segments of 1 KiB, each holding one 1,000-byte record.
    Spool spool = new Spool(folder, 8 * 1024, FAST, time);
    for (int i = 0; i < 12; i++) {
      byte[] payload = new byte[1000];
      payload[0] = (byte) i;
      time.advanceMillis(1);
      spool.append(payload, 10);
    }
    assertThat(spool.counts().spooled()).isEqualTo(120);
    assertThat(spool.counts().dropped()).isEqualTo(50);
    assertThat(segmentFiles().stream().mapToLong(SpoolTest::size).sum()).isLessThanOrEqualTo(8 * 1024);

    List<Integer> firstBytes = new ArrayList<>();
    spool.replay(payload -> firstBytes.add((int) payload[0]));
    assertThat(firstBytes).containsExactly(5, 6, 7, 8, 9, 10, 11);
  }

  @Test
  void twoInstancesNeverSendTheSameRecord() throws IOException {
    Spool earlier = new Spool(folder, 1 << 20, FAST, time);
    for (int i = 0; i < 30; i++) {
      time.advanceMillis(1);
      earlier.append(bytes(String.format("record %-290d", i)), 1); // three a second at 1 KiB/s
      if (i % 10 == 9) {
        earlier.close(); // three segments
      }
    }
    Spool one = new Spool(folder, 1 << 20, 1024, time);
    Spool two = new Spool(folder, 1 << 20, 1024, time);
    List<String> byOne = new ArrayList<>();
    List<String> byTwo = new ArrayList<>();
    for (int round = 0; round < 60; round++) {
      one.replay(payload -> byOne.add(new String(payload, StandardCharsets.UTF_8)));
      two.replay(payload -> byTwo.add(new String(payload, StandardCharsets.UTF_8)));
      time.advanceMillis(100);
    }
    one.close();
    two.close();

    Set<String> all = new HashSet<>(byOne);
    assertThat(byOne).doesNotHaveDuplicates().isNotEmpty();
    assertThat(byTwo).doesNotHaveDuplicates().isNotEmpty().doesNotContainAnyElementsOf(byOne);
    all.addAll(byTwo);
    assertThat(all).hasSize(30);
  }

  @Test
  void aSegmentAnotherProcessHoldsIsNotWaitingForThisOne() throws IOException {
    Spool earlier = new Spool(folder, 1 << 20, FAST, time);
    earlier.append(bytes("theirs"), 1);
    earlier.close();
    Path segment = segmentFiles().get(0);
    try (FileChannel other = FileChannel.open(segment, StandardOpenOption.WRITE); FileLock lock = other.lock()) {
      Spool spool = new Spool(folder, 1 << 20, FAST, time);
      assertThat(spool.replayDue()).isFalse();
      spool.replay(this::record);
      assertThat(sent).isEmpty();
    }
    time.advanceMillis(5_000); // the next look at the folder
    Spool spool = new Spool(folder, 1 << 20, FAST, time);
    assertThat(spool.replayDue()).isTrue();
    spool.replay(this::record);
    assertThat(sent).containsExactly("theirs");
  }

  @Test
  void aLinkInTheSpoolFolderIsNeverFollowed() throws IOException {
    Path outside = Files.writeString(folder.resolve("outside.txt"), "not a spool");
    Path spoolFolder = Files.createDirectories(folder.resolve("spool"));
    Files.createSymbolicLink(spoolFolder.resolve("0000000000000-1-0000.spool"), outside);
    Spool spool = new Spool(spoolFolder, 1 << 20, FAST, time);
    spool.append(bytes("mine"), 1);
    spool.replay(this::record);

    assertThat(sent).containsExactly("mine");
    assertThat(Files.readString(outside)).isEqualTo("not a spool");
  }

  @Test
  void aSpoolThatCannotWriteCountsWhatItDrops() throws IOException {
    Path notAFolder = Files.writeString(folder.resolve("file"), "x");
    Spool spool = new Spool(notAFolder.resolve("spool"), 1 << 20, FAST, time);
    spool.append(bytes("lost"), 3);
    assertThat(spool.counts()).isEqualTo(new Spool.Counts(0, 0, 3));
  }

  private void record(byte[] payload) {
    sent.add(new String(payload, StandardCharsets.UTF_8));
  }

  private Spool.Sender failingAfter(int successes) {
    return payload -> {
      if (sent.size() >= successes) {
        throw new IOException("down");
      }
      record(payload);
    };
  }

  private List<Path> segmentFiles() throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.toString().endsWith(".spool")).sorted().toList();
    }
  }

  private static long size(Path path) {
    try {
      return Files.size(path);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
