package com.example.capacity.lines;

import io.github.capacity.api.Result;
import io.github.capacity.sink.Pipeline;
import io.github.capacity.sink.Transport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The encoding: each result becomes {@code <test_name> <ok|error_class> <latency_ms>\n}; what
 * gathered since the last delivery goes out as one payload. Minute accounts and problems are not
 * sent (a destination may ignore what it has no use for); drops are reported as a line {@code
 * dropped <count>}. Runs on the sink's sender thread only.
 */
final class LinesPipeline extends Pipeline {
  private final StringBuilder lines = new StringBuilder();

  LinesPipeline(Transport transport) {
    super(transport);
  }

  @Override
  public void take(Object event, long wallMillis) {
    if (event instanceof Result result) {
      lines.append(result.testName()).append(' ')
          .append(result.outcome().ok() ? "ok" : result.outcome().errorClass().word()).append(' ')
          .append(String.format(Locale.ROOT, "%.1f", result.latencyNanos() / 1e6)).append('\n');
    }
  }

  @Override
  public void collect(long wallMillis, boolean all, long newlyDropped) {
    if (newlyDropped > 0) {
      lines.append("dropped ").append(newlyDropped).append('\n');
    }
    if (lines.length() > 0) {
      enqueue(List.of(lines.toString().getBytes(StandardCharsets.UTF_8)));
      lines.setLength(0);
    }
  }
}
