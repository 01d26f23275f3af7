package io.github.capacity.metrics.spool;

import io.github.capacity.api.TimeSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded folder of payloads a destination could not deliver, sent again later: by this run
 * once the server is back, or by the next run.
 *
 * <p>Each process writes its own {@link Segment} files, named by creation time so that the oldest
 * sort first, and holds a file lock on each segment it writes or replays: two instances never
 * replay the same record, and a segment left by a killed process is free again. The size of all
 * segments stays under {@code maxBytes}: when a record would pass it, the oldest segment that no
 * other process holds is deleted and its datapoints counted as dropped. Replay goes oldest first
 * at {@link ReplayPace}'s rate, and marks each record in its segment once sent.
 *
 * <p>Opening does no I/O; the folder is created with the first record. Only the sender thread
 * calls {@link #append}, {@link #replayDue}, {@link #replay} and {@link #close}; {@link #counts}
 * is thread safe.
 */
public final class Spool {
  private static final Logger log = LoggerFactory.getLogger(Spool.class);
  private static final long RESCAN_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final long WARN_EVERY_MILLIS = 60_000;

  /** Something that sends one spooled payload whole, or throws. */
  public interface Sender {
    void send(byte[] payload) throws IOException;
  }

  /** Datapoints put into the spool, sent from it, and dropped from it (full, unwritable). */
  public record Counts(long spooled, long replayed, long dropped) {}

  private final Path folder;
  private final SegmentFolder segments;
  private final long maxBytes;
  private final long segmentBytes;
  private final ReplayPace pace;
  private final TimeSource time;
  private final String writerPrefix;
  private Segment writer;
  private Segment current;
  private long usedBytes;
  private int sequence;
  private long nextScanNanos;
  private boolean scanned;
  private long lastWarnMillis = Long.MIN_VALUE;
  private volatile long spooled;
  private volatile long replayed;
  private volatile long dropped;

  /**
   * @param folder this destination's own folder of segments
   * @param maxBytes the most the folder may hold
   * @param replayBytesPerSecond the pace of replay, on top of the live results
   */
  public Spool(Path folder, long maxBytes, long replayBytesPerSecond, TimeSource time) {
    if (maxBytes < 1024) {
      throw new IllegalArgumentException("maxBytes < 1024: " + maxBytes);
    }
    this.segments = new SegmentFolder(folder, this::warn);
    this.folder = segments.path();
    this.maxBytes = maxBytes;
    this.segmentBytes = Math.max(1024, Math.min(maxBytes / 8, 16L << 20));
    this.pace = new ReplayPace(replayBytesPerSecond);
    this.time = time;
    this.writerPrefix = "-" + ProcessHandle.current().pid() + "-";
  }

  /** Puts one payload holding {@code datapoints} into the spool; counts it as dropped if it cannot. */
  public void append(byte[] payload, int datapoints) {
    long need = Segment.RECORD_HEADER_BYTES + (long) payload.length;
    try {
      if (writer == null || (writer.size() + need > segmentBytes && writer.size() > Segment.HEADER_BYTES)) {
        roll();
      }
      while (usedBytes + need > maxBytes && dropOldest()) {
        // Each round deletes the oldest segment that no one else holds.
      }
      if (usedBytes + need > maxBytes) {
        dropped += datapoints;
        warn("spool {} is full ({} bytes) and holds nothing older to drop", folder, maxBytes);
        return;
      }
      usedBytes += writer.append(payload, datapoints);
      spooled += datapoints;
    } catch (IOException e) {
      dropped += datapoints;
      warn("cannot write to spool {}: {}", folder, e.toString());
      SegmentFolder.release(writer);
      writer = null;
    }
  }

  /** Whether records wait, whatever the pace: this process's or another's (looked for every 5 s). */
  public boolean holdsRecords() {
    return waiting(time.nanoTime());
  }

  /** Whether records wait and the pace allows sending one now. */
  public boolean replayDue() {
    long now = time.nanoTime();
    return waiting(now) && pace.available(now) > 0;
  }

  /**
   * Sends spooled records, oldest first, as far as the pace allows; each is marked once sent.
   *
   * @throws IOException from the sender; the record stays to be sent again
   */
  public void replay(Sender sender) throws IOException {
    while (pace.available(time.nanoTime()) > 0) {
      if (current == null && (current = claimOldest()) == null) {
        return;
      }
      Segment.Entry entry = current.next();
      if (entry == null) {
        finish(current);
        current = null;
        continue;
      }
      sender.send(entry.payload());
      current.markReplayed(entry.end());
      pace.spend(Segment.RECORD_HEADER_BYTES + entry.payload().length);
      replayed += entry.datapoints();
    }
  }

  /** What this spool has done since it opened. */
  public Counts counts() {
    return new Counts(spooled, replayed, dropped);
  }

  /** Lets go of the segments this spool holds; what they hold stays for the next run. */
  public void close() {
    SegmentFolder.release(current);
    if (writer != current) {
      SegmentFolder.release(writer);
    }
    current = null;
    writer = null;
  }

  private boolean waiting(long now) {
    if (current != null || (writer != null && writer.hasUnread())) {
      return true;
    }
    if (scanned && now - nextScanNanos < 0) {
      return false;
    }
    scanned = true;
    nextScanNanos = now + RESCAN_NANOS;
    // Claimed now, not just seen: a segment another process holds is not waiting for this one, and
    // an attempt that could send nothing must not pass for a delivery.
    try {
      current = claimOldest();
    } catch (IOException e) {
      warn("cannot read spool {}: {}", folder, e.toString());
    }
    return current != null;
  }

  /** The oldest segment with records that no one else holds, opened and locked; else null. */
  private Segment claimOldest() throws IOException {
    for (Path path : segments.list()) {
      if (writer != null && path.equals(writer.path())) {
        if (writer.hasUnread()) {
          return writer;
        }
        continue;
      }
      Segment segment = segments.open(path);
      if (segment == null) {
        continue;
      }
      if (segment.hasUnread()) {
        return segment;
      }
      finish(segment);
    }
    return null;
  }

  /** Deletes a segment replayed to its end; a torn tail left by a killed writer goes with it. */
  private void finish(Segment segment) throws IOException {
    if (segment == writer) {
      writer = null; // the next record starts a new segment
    }
    usedBytes -= segment.size();
    Files.deleteIfExists(segment.path());
    SegmentFolder.release(segment);
  }

  /** Deletes the oldest segment no one else holds, counting what it held as dropped. */
  private boolean dropOldest() throws IOException {
    for (Path path : segments.list()) {
      if (writer != null && path.equals(writer.path())) {
        continue;
      }
      Segment segment = current != null && path.equals(current.path()) ? current : segments.open(path);
      if (segment == null) {
        continue;
      }
      long lost = segment.unreadDatapoints();
      dropped += lost;
      if (segment == current) {
        current = null;
      }
      finish(segment);
      warn("spool {} is full ({} bytes): dropped its oldest segment, {} datapoints", folder, maxBytes, lost);
      return true;
    }
    return false;
  }

  /** Starts a new segment for this process's records and recounts the folder's size. */
  private void roll() throws IOException {
    if (writer != null && writer != current) {
      SegmentFolder.release(writer);
    }
    writer = null;
    writer = segments.create(String.format("%013d%s%04d", time.wallMillis(), writerPrefix, sequence++));
    usedBytes = segments.usedBytes();
  }

  private void warn(String message, Object... arguments) {
    long now = time.wallMillis();
    if (lastWarnMillis == Long.MIN_VALUE || now - lastWarnMillis >= WARN_EVERY_MILLIS) {
      lastWarnMillis = now;
      log.warn(message, arguments);
    }
  }
}
