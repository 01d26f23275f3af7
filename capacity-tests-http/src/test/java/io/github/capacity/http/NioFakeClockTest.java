package io.github.capacity.http;

import static io.github.capacity.http.HttpFixtures.definition;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.testing.FakeTimeSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The own client on a fake clock: its deadlines fall due when the clock says so, not after real
 * waiting, and a target that stalls and recovers gets no burst of the calls that waited.
 */
class NioFakeClockTest {
  private final FakeTimeSource time = new FakeTimeSource(0);

  private NioClient prepare(Object... keysAndValues) throws Exception {
    return (NioClient) new HttpTestType(name -> null)
        .prepare(definition(keysAndValues), HttpFixtures.context(4, time));
  }

  @Test
  void theReadTimeoutFallsDueOnTheTestsClock() throws Exception {
    CountDownLatch asked = new CountDownLatch(1);
    try (RawServer silent = RawServer.serving(socket -> {
      RawServer.readRequestHead(socket.getInputStream());
      asked.countDown();
      socket.getInputStream().read(); // never answers
    }); NioClient test = prepare("url", silent.url(), "read_timeout", "30s", "timeout", "30s")) {
      CompletableFuture<Outcome> outcome = new CompletableFuture<>();
      test.start("shop.homepage", outcome::complete);
      assertThat(asked.await(10, TimeUnit.SECONDS)).isTrue();

      time.advanceMillis(29_999);
      test.wakeUp();
      assertThat(outcome).isNotDone();
      time.advanceMillis(1);
      test.wakeUp();

      Outcome timedOut = outcome.get(10, TimeUnit.SECONDS);
      assertThat(timedOut.errorClass()).isEqualTo(ErrorClass.TIMEOUT);
      assertThat(timedOut.detail()).endsWith("read timed out after 30000 ms");
    }
  }

  /** Issue: a 20 s stall of a 10/s test sent 130 requests in one second when the target recovered. */
  @Test
  void callsThatWaitedLongerThanTheirSlotAreDroppedNotSentInABurst() throws Exception {
    CountDownLatch recover = new CountDownLatch(1);
    AtomicInteger requests = new AtomicInteger();
    try (RawServer stalling = RawServer.serving(socket -> {
      while (RawServer.readRequestHead(socket.getInputStream())) {
        if (requests.incrementAndGet() == 1) {
          await(recover);
        }
        RawServer.write(socket, RealServerBehaviours.OK);
      }
    }); NioClient test = prepare("url", stalling.url(), "max_connections", 1)) {
      test.expectRate(600); // 10 a second: a slot of 100 ms
      CompletableFuture<Outcome> stalled = new CompletableFuture<>();
      CompletableFuture<Outcome> waited1 = new CompletableFuture<>();
      CompletableFuture<Outcome> waited2 = new CompletableFuture<>();
      CompletableFuture<Outcome> onTime = new CompletableFuture<>();
      test.start("shop.homepage", stalled::complete);
      test.start("shop.homepage", waited1::complete);
      time.advanceMillis(50);
      test.start("shop.homepage", waited2::complete);

      time.advanceMillis(100); // the first two waited 150 and 100 ms: longer than their slot
      test.wakeUp();
      assertThat(waited1.get(10, TimeUnit.SECONDS).errorClass()).isEqualTo(ErrorClass.DROPPED);
      assertThat(waited2.get(10, TimeUnit.SECONDS).errorClass()).isEqualTo(ErrorClass.DROPPED);
      assertThat(waited1.get().detail()).isEqualTo("waited for a free connection longer than its"
          + " slot (100 ms, from the rate), not sent late in a burst");
      test.start("shop.homepage", onTime::complete);
      recover.countDown();

      assertThat(stalled.get(10, TimeUnit.SECONDS)).isEqualTo(Outcome.ok(200, 2));
      assertThat(onTime.get(10, TimeUnit.SECONDS)).isEqualTo(Outcome.ok(200, 2));
      assertThat(requests).as("the stalled call and the one on time; none sent late").hasValue(2);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
