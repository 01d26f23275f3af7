package io.github.capacity.http;

import static io.github.capacity.http.HttpFixtures.definition;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.testing.FakeTimeSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The own client on a fake clock: its deadlines fall due when the clock says so, not after real
 * waiting.
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
}
