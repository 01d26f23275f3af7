package io.github.capacity.metrics.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * One spool file, held under an exclusive {@link FileLock} for as long as it is open, so that no
 * other process writes or replays it meanwhile (the kernel releases the lock when a process dies,
 * kill -9 included).
 *
 * <p>Layout: a 20-byte header (magic {@code CSP1}, the offset up to which records were replayed
 * or dropped, a CRC-32C of that offset, 4 bytes reserved), then records, each a 12-byte header
 * (payload length, datapoints, CRC-32C of both and the payload) and the payload. A record is
 * written with one write call; a process killed in the middle of one leaves a tail that {@link
 * #next} recognises (too short, or a checksum that does not match) and treats as the end. The
 * replayed offset is rewritten in place after each record sent, so a later reader resumes there.
 *
 * <p>Not thread safe: one sender thread owns an open segment.
 */
final class Segment implements AutoCloseable {
  static final int HEADER_BYTES = 20;
  static final int RECORD_HEADER_BYTES = 12;
  /** Longest payload accepted when reading: longer means a damaged length field. */
  static final int MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;
  private static final int MAGIC = 0x43535031; // "CSP1"

  /** One whole record read back; {@code end} is the offset just after it. */
  record Entry(byte[] payload, int datapoints, long end) {}

  private final Path path;
  private final FileChannel channel;
  private final FileLock lock;
  private long replayedOffset;
  private long size;

  private Segment(Path path, FileChannel channel, FileLock lock) {
    this.path = path;
    this.channel = channel;
    this.lock = lock;
  }

  /** Creates a new segment and locks it; fails if the file exists. */
  static Segment create(Path path) throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    Segment segment = new Segment(path, channel, channel.lock());
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    header.putInt(MAGIC);
    header.position(4 + 12).putInt(0).flip();
    channel.write(header, 0);
    segment.size = HEADER_BYTES;
    segment.markReplayed(HEADER_BYTES);
    return segment;
  }

  /**
   * Opens an existing segment if no other process holds it; {@code null} when one does. A file
   * whose header is torn or foreign reads as fully replayed, so that it is deleted.
   */
  static Segment tryOpen(Path path) throws IOException {
    // No link followed: a link planted in the spool folder must never be written through.
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      return null;
    }
    Segment segment = new Segment(path, channel, lock);
    segment.size = channel.size();
    segment.replayedOffset = segment.readReplayedOffset();
    return segment;
  }

  private long readReplayedOffset() throws IOException {
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    if (size < HEADER_BYTES || readFully(header, 0) < HEADER_BYTES || header.getInt(0) != MAGIC) {
      return size;
    }
    long offset = header.getLong(4);
    CRC32C crc = new CRC32C();
    crc.update(header.array(), 4, 8);
    boolean valid = (int) crc.getValue() == header.getInt(12) && offset >= HEADER_BYTES && offset <= size;
    // A torn offset (power loss in the middle of its rewrite) replays from the start: at least
    // once rather than never.
    return valid ? offset : HEADER_BYTES;
  }

  /** Appends one whole record in one write; returns its size on disk. */
  long append(byte[] payload, int datapoints) throws IOException {
    ByteBuffer record = ByteBuffer.allocate(RECORD_HEADER_BYTES + payload.length);
    record.putInt(payload.length).putInt(datapoints).putInt(checksum(payload.length, datapoints, payload))
        .put(payload).flip();
    long at = size;
    while (record.hasRemaining()) {
      at += channel.write(record, at);
    }
    long written = at - size;
    size = at;
    return written;
  }

  /** The record at {@code offset}, or {@code null} at the end or at a torn or damaged tail. */
  Entry read(long offset) throws IOException {
    if (offset + RECORD_HEADER_BYTES > size) {
      return null;
    }
    ByteBuffer header = ByteBuffer.allocate(RECORD_HEADER_BYTES);
    if (readFully(header, offset) < RECORD_HEADER_BYTES) {
      return null;
    }
    int length = header.getInt(0);
    int datapoints = header.getInt(4);
    if (length < 0 || length > MAX_PAYLOAD_BYTES || offset + RECORD_HEADER_BYTES + length > size) {
      return null;
    }
    ByteBuffer payload = ByteBuffer.allocate(length);
    if (readFully(payload, offset + RECORD_HEADER_BYTES) < length
        || checksum(length, datapoints, payload.array()) != header.getInt(8)) {
      return null;
    }
    return new Entry(payload.array(), datapoints, offset + RECORD_HEADER_BYTES + length);
  }

  /** The next record to replay, or {@code null} when none is left. */
  Entry next() throws IOException {
    return read(replayedOffset);
  }

  /** Records that everything before {@code offset} was replayed (or dropped). */
  void markReplayed(long offset) throws IOException {
    ByteBuffer mark = ByteBuffer.allocate(12);
    mark.putLong(offset);
    CRC32C crc = new CRC32C();
    crc.update(mark.array(), 0, 8);
    mark.putInt((int) crc.getValue()).flip();
    channel.write(mark, 4);
    replayedOffset = offset;
  }

  /** Whether bytes after the replayed offset remain: whole records, or a torn tail. */
  boolean hasUnread() {
    return replayedOffset < size;
  }

  /** The datapoints of the whole records not yet replayed. */
  long unreadDatapoints() throws IOException {
    long datapoints = 0;
    for (Entry entry = read(replayedOffset); entry != null; entry = read(entry.end())) {
      datapoints += entry.datapoints();
    }
    return datapoints;
  }

  long size() {
    return size;
  }

  Path path() {
    return path;
  }

  private static int checksum(int length, int datapoints, byte[] payload) {
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(8).putInt(length).putInt(datapoints).flip());
    crc.update(payload, 0, length);
    return (int) crc.getValue();
  }

  private int readFully(ByteBuffer buffer, long position) throws IOException {
    int total = 0;
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, position + total);
      if (read < 0) {
        break;
      }
      total += read;
    }
    return total;
  }

  /** Releases the lock and the file. */
  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // Closing the channel releases it too.
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // Nothing was pending: records are written whole by then.
    }
  }
}
