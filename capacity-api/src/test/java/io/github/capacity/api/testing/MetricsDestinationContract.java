package io.github.capacity.api.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link MetricsDestination} keeps. A plugin's test extends this class and
 * supplies a definition pointing at an endpoint that is unreachable (nothing listens), which is
 * where the never-blocking rule matters most, and one that is invalid.
 */
public abstract class MetricsDestinationContract {
  @TempDir protected Path tempDir;

  protected final FakeTimeSource time = FakeTimeSource.atSecond(0);

  /** A fresh instance of the destination under test. */
  protected abstract MetricsDestination destination();

  /** A definition whose endpoint accepts nothing: a closed port, an unwritable folder. */
  protected abstract Definition unreachableDefinition() throws Exception;

  /** A definition that {@link MetricsDestination#open} must refuse. */
  protected abstract Definition invalidDefinition() throws Exception;

  protected DestinationContext context() {
    return new DestinationContext("contract-host", tempDir, time);
  }

  protected static Result result(int i) {
    long planned = 1_767_225_600_000_000_000L + i * 1_000_000L;
    return new Result("contract.test", "homepage", "contract-host", planned, planned + 100_000,
        planned + 2_000_000, i % 10 == 0 ? Outcome.failed(ErrorClass.TIMEOUT, "t") : Outcome.ok(200, 12));
  }

  @Test
  void isFoundByServiceLoaderUnderItsName() {
    String name = destination().name();
    assertThat(ServiceLoader.load(MetricsDestination.class).stream().map(p -> p.get().name()))
        .contains(name);
  }

  @Test
  void opensWithNoConfigurationAtAll() throws Exception {
    String name = destination().name();
    MetricsSink sink = destination().open(new Definition("destinations.json", name, name, Map.of()), context());
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
  void acceptsEverythingWithoutBlockingWhenTheEndpointIsUnreachable() throws Exception {
    MetricsSink sink = destination().open(unreachableDefinition(), context());
    for (int i = 0; i < 20_000; i++) {
      sink.record(result(i));
    }
    sink.account(new MinuteAccount("contract.test", "contract-host", 0, 1, 1, 1, 1, 0, 0, 0, 0));
    sink.problem(new Problem("contract.test", "contract-host", ErrorClass.UNKNOWN_TEST_TYPE, "m", 0));
    sink.trip(new Trip("contract.test", "contract-host", "error_rate > 5%", "f", 0, 60_000, 600, Double.NaN));
    long before = System.nanoTime();
    sink.close(Duration.ofMillis(300));
    long closeMillis = (System.nanoTime() - before) / 1_000_000;
    assertThat(closeMillis).as("close with a 300 ms deadline took, ms").isLessThan(3_000);
    sink.close(Duration.ofMillis(300)); // idempotent
  }
}
