package io.github.capacity.api.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.capacity.api.ApiVersion;
import io.github.capacity.api.Definition;
import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.Execution;
import io.github.capacity.api.InvalidDefinitionException;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.PreparedTest;
import io.github.capacity.api.TestContext;
import io.github.capacity.api.TestType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every {@link TestType} keeps, as {@code docs/plugins.md} states it. A plugin's test
 * extends this class and supplies a definition that succeeds, one that hangs until cancelled, and
 * one that is invalid; the subclass owns whatever server those need.
 *
 * <p>Checked: the type is found by {@link ServiceLoader} and fits this API; {@code prepare}
 * refuses an invalid definition naming its source and path; {@code start} returns promptly (within
 * {@link #START_LIMIT}), also when the target hangs; exactly one outcome per execution, also when
 * cancels race completions from other threads; {@code cancel} ends a hanging execution at once
 * with {@code cancelled}; {@code close} is idempotent and leaves no thread behind. Every test has a
 * timeout, so a plugin that hangs fails it instead of hanging the build.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class TestTypeContract {
  /** The longest a start may take: the engine disables a test whose start takes longer. */
  protected static final Duration START_LIMIT = Duration.ofSeconds(1);
  /** How long the threads a closed test started may take to end. */
  protected static final Duration THREAD_GRACE = Duration.ofSeconds(5);

  /** A fresh instance of the type under test. */
  protected abstract TestType testType();

  /** A definition whose execution succeeds promptly. */
  protected abstract Definition succeedingDefinition() throws Exception;

  /** A definition whose execution never ends by itself (a target that never answers). */
  protected abstract Definition hangingDefinition() throws Exception;

  /** A definition that {@link TestType#prepare} must refuse. */
  protected abstract Definition invalidDefinition() throws Exception;

  /**
   * Whether {@code thread} belongs to the test's own machinery (the server the definitions point
   * at, say) rather than to the plugin, so that it does not count as left behind. None by default.
   */
  protected boolean isTestInfrastructure(Thread thread) {
    return false;
  }

  protected TestContext context() {
    return new TestContext("contract-host", "0.0.0-test", 4, new FakeTimeSource(0));
  }

  @Test
  void isFoundByServiceLoaderUnderItsNameAndFitsThisApi() {
    String name = testType().name();
    assertThat(ServiceLoader.load(TestType.class).stream().map(p -> p.get().name()))
        .contains(name);
    assertThat(name).matches("[a-z][a-z0-9_-]{0,39}");
    assertThat(ApiVersion.incompatibility(testType().apiVersion())).as("API version").isNull();
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
    try (PreparedTest test = prepare(succeedingDefinition())) {
      AtomicInteger calls = new AtomicInteger();
      CompletableFuture<Outcome> outcome = new CompletableFuture<>();
      start(test, o -> {
        calls.incrementAndGet();
        outcome.complete(o);
      });
      assertThat(outcome.get(10, TimeUnit.SECONDS).ok()).isTrue();
      // A second outcome would arrive on the same path; a later cancel must not produce one.
      assertThat(calls.get()).isEqualTo(1);
    }
  }

  @Test
  void startReturnsPromptlyWhenTheTargetHangs() throws Exception {
    try (PreparedTest test = prepare(hangingDefinition())) {
      List<Execution> started = new ArrayList<>();
      for (int i = 0; i < 8; i++) { // more than maxInFlight: a test that queues must not wait either
        started.add(start(test, o -> { }));
      }
      started.forEach(Execution::cancel);
    }
  }

  @Test
  void reportsExactlyOneOutcomePerExecutionWhenCancelsRaceCompletions() throws Exception {
    // Succeeding executions: cancels race their completions. Hanging ones: two threads cancel at
    // once. Either way, one outcome each.
    for (Definition definition : List.of(succeedingDefinition(), hangingDefinition())) {
      List<AtomicInteger> outcomes = new CopyOnWriteArrayList<>();
      try (PreparedTest test = prepare(definition)) {
        for (int i = 0; i < 20; i++) {
          AtomicInteger count = new AtomicInteger();
          outcomes.add(count);
          Execution execution = start(test, o -> count.incrementAndGet());
          Thread canceller = new Thread(execution::cancel, "contract-canceller");
          canceller.start();
          execution.cancel();
          canceller.join(5_000);
        }
        awaitEveryOutcome(outcomes);
        Thread.sleep(200); // a second outcome arrives late, if at all
        assertThat(outcomes).as("outcomes per execution of " + definition.path())
            .allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
      }
    }
  }

  @Test
  void cancelEndsAHangingExecutionAtOnceWithCancelled() throws Exception {
    try (PreparedTest test = prepare(hangingDefinition())) {
      CompletableFuture<Outcome> outcome = new CompletableFuture<>();
      Execution execution = start(test, outcome::complete);
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
    PreparedTest test = prepare(succeedingDefinition());
    test.close();
    test.close();
  }

  @Test
  void leavesNoThreadBehindAfterClose() throws Exception {
    Definition ok = succeedingDefinition(); // whatever servers the subclass starts, before the census
    Definition hangs = hangingDefinition();
    Set<Thread> before = Calls.alive();
    TestType type = testType();
    PreparedTest succeeding = prepare(type, ok);
    PreparedTest hanging = prepare(type, hangs);
    CompletableFuture<Outcome> done = new CompletableFuture<>();
    start(succeeding, done::complete);
    done.get(10, TimeUnit.SECONDS);
    Execution stuck = start(hanging, o -> { });
    stuck.cancel();
    succeeding.close();
    hanging.close();
    Calls.noThreadLeftSince(before, this::isTestInfrastructure, THREAD_GRACE, "close()");
  }

  private PreparedTest prepare(Definition definition) throws Exception {
    return prepare(testType(), definition);
  }

  private PreparedTest prepare(TestType type, Definition definition) throws Exception {
    PreparedTest test = type.prepare(definition, context());
    assertThat(test).as("prepare() result").isNotNull();
    return test;
  }

  /** Starts one execution, failing when start does not return within {@link #START_LIMIT}. */
  private static Execution start(PreparedTest test, java.util.function.Consumer<Outcome> whenDone)
      throws Exception {
    Execution execution = Calls.within(START_LIMIT, "start()", () -> test.start("contract_test", whenDone));
    assertThat(execution).as("start() result").isNotNull();
    return execution;
  }

  private static void awaitEveryOutcome(List<AtomicInteger> outcomes) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (outcomes.stream().anyMatch(n -> n.get() == 0) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(outcomes).as("every execution reported").allSatisfy(n -> assertThat(n.get()).isPositive());
  }
}
