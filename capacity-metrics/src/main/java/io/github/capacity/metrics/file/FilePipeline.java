package io.github.capacity.metrics.file;

import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.Problem;
import io.github.capacity.api.Result;
import io.github.capacity.metrics.JsonLines;
import io.github.capacity.metrics.Packer;
import io.github.capacity.metrics.Pipeline;
import io.github.capacity.metrics.TestStats;
import io.github.capacity.metrics.Transport;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes JSON Lines: one per execution, in the file of the UTC day of its end; one per test and
 * minute when the engine's account arrives, with the figures of the results since the previous
 * account; one per problem and per batch of drops. Lines are packed into appends of at most 64 KB.
 * Sender thread only.
 */
final class FilePipeline extends Pipeline {
  private static final int APPEND_BYTES = 64 * 1024;
  private static final long DAY_MILLIS = 86_400_000L;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private final String host;
  private final TreeMap<String, Packer> byFile = new TreeMap<>();
  private final Map<String, TestStats> sinceLastAccount = new HashMap<>();
  private long lastDay = Long.MIN_VALUE;
  private String lastFileName;

  FilePipeline(Transport transport, String host) {
    super(transport);
    this.host = host;
  }

  /** The file name for a line stamped {@code epochMillis}. */
  static String fileName(long epochMillis) {
    return "results-" + DAY.format(Instant.ofEpochMilli(epochMillis)) + ".jsonl";
  }

  /**
   * At thousands of results a second an append per result (open, lock, write, close, and a wake
   * of the sender) cost more CPU than the load itself; 50 ms of lines make one append.
   */
  @Override
  public long batchMillis() {
    return 50;
  }

  @Override
  public void take(Object event, long wallMillis) {
    if (event instanceof Result result) {
      sinceLastAccount.computeIfAbsent(result.testName(), TestStats::new).add(result);
      add(Math.floorDiv(result.endEpochNanos(), 1_000_000L), JsonLines.executionLine(result));
    } else if (event instanceof MinuteAccount account) {
      TestStats stats = sinceLastAccount.remove(account.testName());
      add(account.minuteEpochMillis(), JsonLines.line(JsonLines.minute(account, stats == null ? null : stats.summary())));
    } else if (event instanceof Problem problem) {
      add(problem.epochMillis(), JsonLines.line(JsonLines.problem(problem)));
    }
  }

  @Override
  public void collect(long wallMillis, boolean all, long newlyDropped) {
    if (newlyDropped > 0) {
      add(wallMillis, JsonLines.line(JsonLines.dropped(host, newlyDropped, wallMillis)));
    }
    byFile.forEach((file, packer) -> enqueue(file, packer.drain()));
    byFile.clear();
  }

  private void add(long epochMillis, String line) {
    long day = Math.floorDiv(epochMillis, DAY_MILLIS);
    if (day != lastDay) {
      // Formatting a date per result cost more than the rest of the line; the day rarely changes.
      lastDay = day;
      lastFileName = fileName(epochMillis);
    }
    byFile.computeIfAbsent(lastFileName, f -> new Packer(APPEND_BYTES, true)).add(line);
  }
}
