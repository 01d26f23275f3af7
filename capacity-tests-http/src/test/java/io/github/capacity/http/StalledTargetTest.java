package io.github.capacity.http;

import static io.github.capacity.http.HttpFixtures.definition;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.PreparedTest;
import io.github.capacity.api.testing.FakeTimeSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A target that stalls and recovers gets no burst: on either client, calls that waited for a
 * connection longer than their slot are dropped, not sent back to back when it recovers. On a
 * fake clock: the waits are the clock's, not real ones.
 */
class StalledTargetTest {
  private final FakeTimeSource time = new FakeTimeSource(0);

  /** Issue: a 20 s stall of a 10/s test sent 130 requests in one second when the target recovered. */
  @ParameterizedTest(name = "client {0}")
  @ValueSource(strings = {"nio", "okhttp"})
  void callsThatWaitedLongerThanTheirSlotAreDroppedNotSentInABurst(String client) throws Exception {
    CountDownLatch recover = new CountDownLatch(1);
    AtomicInteger requests = new AtomicInteger();
    try (RawServer stalling = RawServer.serving(socket -> {
      while (RawServer.readRequestHead(socket.getInputStream())) {
        if (requests.incrementAndGet() == 1) {
          await(recover);
        }
        RawServer.write(socket, RealServerBehaviours.OK);
      }
    }); PreparedTest test = new HttpTestType(name -> null).prepare(definition("url", stalling.url(),
        "max_connections", 1, "client", client), HttpFixtures.context(4, time))) {
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
      test.start("shop.homepage", onTime::complete);
      if (test instanceof NioClient nio) {
        nio.wakeUp(); // its loop looks at the fake clock again
      }
      assertThat(waited1.get(10, TimeUnit.SECONDS).errorClass()).isEqualTo(ErrorClass.DROPPED);
      assertThat(waited2.get(10, TimeUnit.SECONDS).errorClass()).isEqualTo(ErrorClass.DROPPED);
      assertThat(waited1.get().detail()).isEqualTo("waited for a free connection longer than its"
          + " slot (100 ms, from the rate), not sent late in a burst");
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
