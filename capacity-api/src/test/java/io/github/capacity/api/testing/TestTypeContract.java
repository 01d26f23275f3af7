package io.github.capacity.api.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.capacity.api.Definition;
import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.Execution;
import io.github.capacity.api.InvalidDefinitionException;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.PreparedTest;
import io.github.capacity.api.TestContext;
import io.github.capacity.api.TestType;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link TestType} keeps. A plugin's test extends this class and supplies a
 * definition that succeeds, one that hangs until cancelled, and one that is invalid; the
 * subclass owns whatever server those need.
 */
public abstract class TestTypeContract {

  /** A fresh instance of the type under test. */
  protected abstract TestType testType();

  /** A definition whose execution succeeds promptly. */
  protected abstract Definition succeedingDefinition() throws Exception;

  /** A definition whose execution never ends by itself (a target that never answers). */
  protected abstract Definition hangingDefinition() throws Exception;

  /** A definition that {@link TestType#prepare} must refuse. */
  protected abstract Definition invalidDefinition() throws Exception;

  protected TestContext context() {
    return new TestContext("contract-host", "0.0.0-test", 4, new FakeTimeSource(0));
  }

  @Test
  void isFoundByServiceLoaderUnderItsName() {
    String name = testType().name();
    assertThat(ServiceLoader.load(TestType.class).stream().map(p -> p.get().name()))
        .contains(name);
    assertThat(name).matches("[a-z][a-z0-9_-]{0,39}");
  }

  @Test
  void refusesAnInvalidDefinitionWhenPreparedNamingSourceAndPath() throws Exception {
    Definition invalid = invalidDefinition();
    assertThatThrownBy(() -> testType().prepare(invalid, context()))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageStartingWith(invalid.source() + ": " + invalid.path());
  }

  @Test
  void reportsExactlyOneOutcomePerExecution() throws Exception {
    try (PreparedTest test = testType().prepare(succeedingDefinition(), context())) {
      AtomicInteger calls = new AtomicInteger();
      CompletableFuture<Outcome> outcome = new CompletableFuture<>();
      test.start("contract_test", o -> {
        calls.incrementAndGet();
        outcome.complete(o);
      });
      assertThat(outcome.get(10, TimeUnit.SECONDS).ok()).isTrue();
      // A second outcome would arrive on the same path; a later cancel must not produce one.
      assertThat(calls.get()).isEqualTo(1);
    }
  }

  @Test
  void cancelEndsAHangingExecutionAtOnceWithCancelled() throws Exception {
    try (PreparedTest test = testType().prepare(hangingDefinition(), context())) {
      CompletableFuture<Outcome> outcome = new CompletableFuture<>();
      Execution execution = test.start("contract_test", outcome::complete);
      assertThat(outcome).isNotDone();
      long cancelledAt = System.nanoTime();
      execution.cancel();
      Outcome cancelled = outcome.get(5, TimeUnit.SECONDS);
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cancelledAt);
      assertThat(cancelled.errorClass()).isEqualTo(ErrorClass.CANCELLED);
      assertThat(tookMillis).as("cancel to outcome, ms").isLessThan(100);
      execution.cancel(); // idempotent
    }
  }

  @Test
  void closeIsIdempotent() throws Exception {
    PreparedTest test = testType().prepare(succeedingDefinition(), context());
    test.close();
    test.close();
  }
}
