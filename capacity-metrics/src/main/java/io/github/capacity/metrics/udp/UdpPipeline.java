package io.github.capacity.metrics.udp;

import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.Problem;
import io.github.capacity.api.Result;
import io.github.capacity.api.Trip;
import io.github.capacity.metrics.JsonLines;
import io.github.capacity.metrics.Pipeline;
import io.github.capacity.metrics.Transport;
import java.util.ArrayList;
import java.util.List;

/**
 * One JSON document per datagram: each execution (the seed's {@code test_name}, {@code
 * test_time}, {@code test_epoch} and the richer fields), each minute account, each problem, each
 * guardrail trip, each report of drops. Sender thread only.
 */
final class UdpPipeline extends Pipeline {
  private final String host;
  private final JsonLines json = new JsonLines();
  private final List<byte[]> documents = new ArrayList<>();

  UdpPipeline(Transport transport, String host) {
    super(transport);
    this.host = host;
  }

  @Override
  public void take(Object event, long wallMillis) {
    if (event instanceof Result result) {
      documents.add(json.execution(result).bytes());
    } else if (event instanceof MinuteAccount account) {
      documents.add(json.minute(account, null).bytes());
    } else if (event instanceof Problem problem) {
      documents.add(json.problem(problem).bytes());
    } else if (event instanceof Trip trip) {
      documents.add(json.trip(trip).bytes());
    }
  }

  @Override
  public void collect(long wallMillis, boolean all, long newlyDropped) {
    if (newlyDropped > 0) {
      documents.add(json.dropped(host, newlyDropped, wallMillis).bytes());
    }
    enqueue(List.copyOf(documents));
    documents.clear();
  }
}
