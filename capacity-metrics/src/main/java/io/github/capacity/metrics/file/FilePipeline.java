package io.github.capacity.metrics.file;

import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.Problem;
import io.github.capacity.api.Result;
import io.github.capacity.api.Trip;
import io.github.capacity.metrics.JsonLines;
import io.github.capacity.metrics.Packer;
import io.github.capacity.metrics.Pipeline;
import io.github.capacity.metrics.TestStats;
import io.github.capacity.metrics.Transport;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes JSON Lines: one per execution, in the file of the UTC day of its end; one per test and
 * minute when the engine's account arrives, with the figures of the results since the previous
 * account; one per problem, per guardrail trip and per batch of drops. Lines are packed into
 * appends of at most 64 KB, made as soon as one is full, and at the latest {@link #APPEND_EVERY_MILLIS} after the oldest
 * line waiting (or at a flush). Sender thread only.
 */
final class FilePipeline extends Pipeline {
  /** How long a line may wait for its append: a reader of the file sees it this late at most. */
  static final long APPEND_EVERY_MILLIS = 1_000;
  private static final int APPEND_BYTES = 64 * 1024;
  private static final long DAY_MILLIS = 86_400_000L;

  private final String host;
  private final JsonLines json = new JsonLines();
  private final TreeMap<String, Packer> byFile = new TreeMap<>();
  private final Map<String, TestStats> sinceLastAccount = new HashMap<>();
  private long lastDay = Long.MIN_VALUE;
  private String lastFileName;
  /** When the oldest line not yet handed to an append was taken, or {@code Long.MAX_VALUE}. */
  private long oldestWaitingMillis = Long.MAX_VALUE;
  /** Lines added since the last append of everything: at most that many wait unsent. */
  private long heldLines;

  FilePipeline(Transport transport, String host) {
    super(transport);
    this.host = host;
  }

  /** The file name for a line stamped {@code epochMillis}: its UTC day, as {@code yyyy-MM-dd}. */
  static String fileName(long epochMillis) {
    return "results-" + LocalDate.ofEpochDay(Math.floorDiv(epochMillis, DAY_MILLIS)) + ".jsonl";
  }

  /**
   * An append opens, locks, writes and closes the file: at thousands of results a second, one per
   * result cost more CPU than the load itself. Events are taken every 50 ms and turned into lines;
   * appends follow {@link #APPEND_EVERY_MILLIS} or a full 64 KB.
   */
  @Override
  public long batchMillis() {
    return 50;
  }

  @Override
  public void take(Object event, long wallMillis) {
    if (event instanceof Result result) {
      sinceLastAccount.computeIfAbsent(result.testName(), TestStats::new).add(result);
      add(Math.floorDiv(result.endEpochNanos(), 1_000_000L), json.execution(result), wallMillis);
    } else if (event instanceof MinuteAccount account) {
      TestStats stats = sinceLastAccount.remove(account.testName());
      add(account.minuteEpochMillis(), json.minute(account, stats == null ? null : stats.summary()), wallMillis);
    } else if (event instanceof Problem problem) {
      add(problem.epochMillis(), json.problem(problem), wallMillis);
    } else if (event instanceof Trip trip) {
      add(trip.epochMillis(), json.trip(trip), wallMillis);
    }
  }

  @Override
  public long heldEvents() {
    return heldLines;
  }

  @Override
  public void collect(long wallMillis, boolean all, long newlyDropped) {
    if (newlyDropped > 0) {
      add(wallMillis, json.dropped(host, newlyDropped, wallMillis), wallMillis);
    }
    if (all || wallMillis - oldestWaitingMillis >= APPEND_EVERY_MILLIS) {
      byFile.forEach((file, packer) -> enqueue(file, packer.drain()));
      byFile.clear();
      oldestWaitingMillis = Long.MAX_VALUE;
      heldLines = 0;
    } else {
      byFile.forEach((file, packer) -> enqueue(file, packer.drainFull()));
    }
  }

  /** Adds the line {@code json} holds to the file of the day of {@code epochMillis}. */
  private void add(long epochMillis, JsonLines line, long wallMillis) {
    long day = Math.floorDiv(epochMillis, DAY_MILLIS);
    if (day != lastDay) {
      // Formatting a date per result cost more than the rest of the line; the day rarely changes.
      lastDay = day;
      lastFileName = fileName(epochMillis);
    }
    line.appendTo(byFile.computeIfAbsent(lastFileName, f -> new Packer(APPEND_BYTES, true)));
    heldLines++;
    oldestWaitingMillis = Math.min(oldestWaitingMillis, wallMillis);
  }
}
