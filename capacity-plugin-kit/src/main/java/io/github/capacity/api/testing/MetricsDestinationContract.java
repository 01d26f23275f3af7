package io.github.capacity.api.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.capacity.api.ApiVersion;
import io.github.capacity.api.Definition;
import io.github.capacity.api.DestinationContext;
import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.InvalidDefinitionException;
import io.github.capacity.api.MetricsDestination;
import io.github.capacity.api.MetricsSink;
import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.Problem;
import io.github.capacity.api.Result;
import io.github.capacity.api.Trip;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link MetricsDestination} keeps, as {@code docs/plugins.md} states it. A
 * plugin's test extends this class and supplies a definition pointing at an endpoint where
 * nothing answers, which is where the never-blocking rules matter most, and one that is invalid.
 *
 * <p>Checked: found by {@link ServiceLoader}, fits this API, opens with no configuration, refuses an
 * invalid definition naming its source and path; {@code open} returns promptly although nothing
 * answers (within {@link #CALL_LIMIT}); {@code record}, {@code account} and {@code problem} take a
 * burst without blocking; {@code flush} and {@code close} keep their deadlines (within {@link
 * #DEADLINE_SLACK}); {@code close} is idempotent and leaves no thread behind. Every test has a
 * timeout, so a plugin that hangs fails it instead of hanging the build.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class MetricsDestinationContract {
  /** The longest {@code open} may take, and a burst of records with it. */
  protected static final Duration CALL_LIMIT = Duration.ofSeconds(1);
  /** How far past its deadline {@code flush} or {@code close} may return (a loaded machine). */
  protected static final Duration DEADLINE_SLACK = Duration.ofSeconds(1);
  /** How long the threads a closed sink started may take to end. */
  protected static final Duration THREAD_GRACE = Duration.ofSeconds(5);

  @TempDir protected Path tempDir;

  protected final FakeTimeSource time = FakeTimeSource.atSecond(0);

  private SilentEndpoint silent;

  /** A fresh instance of the destination under test. */
  protected abstract MetricsDestination destination();

  /**
   * A definition whose endpoint is {@code silent}, a loopback address where connections are never
   * answered (see {@link SilentEndpoint}); a destination without a network endpoint returns one
   * that cannot be written, such as a folder where a file is.
   */
  protected abstract Definition unreachableDefinition(InetSocketAddress silent) throws Exception;

  /** A definition that {@link MetricsDestination#open} must refuse. */
  protected abstract Definition invalidDefinition() throws Exception;

  /**
   * Whether {@code thread} belongs to the test's own machinery rather than to the plugin, so that
   * it does not count as left behind. None by default.
   */
  protected boolean isTestInfrastructure(Thread thread) {
    return false;
  }

  protected DestinationContext context() {
    return new DestinationContext("contract-host", tempDir, time);
  }

  protected static Result result(int i) {
    long planned = 1_767_225_600_000_000_000L + i * 1_000_000L;
    return new Result("contract.test", "homepage", "contract-host", planned, planned + 100_000,
        planned + 2_000_000, i % 10 == 0 ? Outcome.failed(ErrorClass.TIMEOUT, "t") : Outcome.ok(200, 12));
  }

  @BeforeEach
  void openSilentEndpoint() throws Exception {
    silent = new SilentEndpoint();
  }

  @AfterEach
  void closeSilentEndpoint() throws Exception {
    silent.close();
  }

  @Test
  void isFoundByServiceLoaderUnderItsNameAndFitsThisApi() {
    String name = destination().name();
    assertThat(ServiceLoader.load(MetricsDestination.class).stream().map(p -> p.get().name()))
        .contains(name);
    assertThat(ApiVersion.incompatibility(destination().apiVersion())).as("API version").isNull();
  }

  @Test
  void opensWithNoConfigurationAtAll() throws Exception {
    String name = destination().name();
    MetricsSink sink = open(new Definition("destinations.json", name, name, Map.of()));
    sink.close(Duration.ofSeconds(2));
  }

  @Test
  void refusesAnInvalidDefinitionNamingSourceAndPath() throws Exception {
    Definition invalid = invalidDefinition();
    assertThatThrownBy(() -> destination().open(invalid, context()))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageStartingWith(invalid.source() + ": " + invalid.path());
  }

  @Test
  void opensAtOnceWhenNothingAnswers() throws Exception {
    open(unreachableDefinition(silent.address())).close(Duration.ZERO);
  }

  @Test
  void takesEverythingWithoutBlockingAndKeepsItsDeadlinesWhenNothingAnswers() throws Exception {
    MetricsSink sink = open(unreachableDefinition(silent.address()));
    Calls.within(CALL_LIMIT, "20000 record() calls, an account(), a problem() and a trip()", () -> {
      for (int i = 0; i < 20_000; i++) {
        sink.record(result(i));
      }
      sink.account(new MinuteAccount("contract.test", "contract-host", 0, 1, 1, 1, 1, 0, 0, 0, 0));
      sink.problem(new Problem("contract.test", "contract-host", ErrorClass.UNKNOWN_TEST_TYPE, "m", 0));
      sink.trip(new Trip("contract.test", "contract-host", "error_rate > 5%", "f", 0, 60_000, 600, Double.NaN));
      return null;
    });
    Duration deadline = Duration.ofMillis(300);
    Duration limit = deadline.plus(DEADLINE_SLACK);
    Calls.within(limit, "flush(300 ms)", () -> sink.flush(deadline));
    Calls.within(limit, "close(300 ms)", () -> {
      sink.close(deadline);
      return null;
    });
    Calls.within(limit, "a second close(300 ms)", () -> {
      sink.close(deadline); // idempotent
      return null;
    });
  }

  @Test
  void leavesNoThreadBehindAfterClose() throws Exception {
    Definition definition = unreachableDefinition(silent.address());
    Set<Thread> before = Calls.alive();
    MetricsSink sink = open(definition);
    for (int i = 0; i < 100; i++) {
      sink.record(result(i));
    }
    sink.close(Duration.ofMillis(300));
    Calls.noThreadLeftSince(before, this::isTestInfrastructure, THREAD_GRACE, "close()");
  }

  /** Opens, failing when open does not return within {@link #CALL_LIMIT}. */
  private MetricsSink open(Definition definition) throws Exception {
    MetricsDestination destination = destination();
    MetricsSink sink = Calls.within(CALL_LIMIT, "open()", () -> destination.open(definition, context()));
    assertThat(sink).as("open() result").isNotNull();
    return sink;
  }
}
