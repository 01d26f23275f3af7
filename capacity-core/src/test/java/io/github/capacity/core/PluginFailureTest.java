package io.github.capacity.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.capacity.api.Definition;
import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.TestType;
import io.github.capacity.api.testing.FakeTimeSource;
import io.github.capacity.core.FaultyPlugins.FaultyDestination;
import io.github.capacity.core.FaultyPlugins.FaultyTestType;
import io.github.capacity.core.config.ConfigError;
import io.github.capacity.core.config.ConfigSource;
import io.github.capacity.core.config.TestLine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One bad plugin never takes the host down: for each way a plugin can fail, a good test beside
 * the bad one keeps its whole minute at its rate, and the offender is disabled and named with
 * its jar and the call that failed.
 */
class PluginFailureTest {
  private static final long SECOND = 1_000_000_000L;
  private static final String JAR = PluginCalls.jarOf(FaultyTestType.class);

  private final FakeTimeSource time = FakeTimeSource.atSecond(0);
  private final FakeTestType good = new FakeTestType(time);
  private final FaultyTestType faulty = new FaultyTestType(time);
  private final RecordingDestination rec = new RecordingDestination("rec");

  private RunSummary runWith(String fault, String destination) {
    TestLine goodLine = new TestLine("conf.d/a.conf", 1, "good", "ping", 60, "rec");
    TestLine badLine = new TestLine("conf.d/a.conf", 2, "bad", "bad", 60, destination);
    try (CapacityEngine engine = CapacityEngine.builder()
        .host("web-1")
        .timeSource(time)
        .testType(good)
        .testType(faulty)
        .destinationType(new FaultyDestination(destination, time))
        .destinationType(rec)
        .tests(Map.of("ping", new Definition("tests.json", "ping", "fake", Map.of()),
            "bad", new Definition("tests.json", "bad", "faulty", Map.of("fault", fault))), p -> 3)
        .configSource(ConfigSource.of(List.of(goodLine, badLine)))
        .build()) {
      return engine.runMinute();
    }
  }

  private static MinuteAccount account(RunSummary summary, String testName) {
    return summary.accounts().stream().filter(a -> a.testName().equals(testName)).findFirst().orElseThrow();
  }

  private void assertGoodTestKeptItsMinute(RunSummary summary) {
    MinuteAccount goodMinute = account(summary, "good");
    assertThat(goodMinute.started()).as("the good test's starts").isEqualTo(60);
    assertThat(goodMinute.ok()).isEqualTo(60);
    assertThat(goodMinute.skipped()).isZero();
    assertThat(summary.tests().get("good").started()).isEqualTo(60);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "start-abstract-method | start() threw java.lang.AbstractMethodError: start at ",
      "start-stack-overflow  | start() threw java.lang.StackOverflowError at ",
      "start-null            | start() returned null, expected an Execution",
      "outcome-null          | start()'s whenDone was given a null Outcome",
      "expect-rate-throws    | expectRate(60) threw java.lang.IllegalStateException: not ready"})
  void aTestWhosePluginFailsIsDisabledNamedWithItsJarAndTheOthersKeepTheirRate(String fault, String call) {
    RunSummary summary = runWith(fault, "rec");

    assertGoodTestKeptItsMinute(summary);
    assertThat(faulty.starts).isLessThanOrEqualTo(1);
    assertThat(summary.problems()).singleElement().extracting(ConfigError::toString).asString()
        .startsWith("conf.d/a.conf:2: test bad disabled for the rest of the run, the other tests go on: "
            + FaultyTestType.class.getName() + "$1 (in " + JAR + ") " + call);
    assertThat(rec.problems).extracting(p -> p.testName()).containsExactly("bad");
  }

  @Test
  void aStartThatBlocksStallsTheOthersForThatOneStartAndIsNamedWithHowLong() {
    // FaultyTestType is on the engine's class path, so it is called on the scheduler thread as
    // http is; a plugin's start cannot stall anyone (PluginThatBlocksTest).
    RunSummary summary = runWith("start-blocks", "rec");

    assertGoodTestKeptItsMinute(summary);
    assertThat(faulty.starts).isEqualTo(1);
    assertThat(summary.problems()).singleElement().extracting(ConfigError::toString).asString()
        .contains("(in " + JAR + ") start() blocked the scheduler for 5000 ms, more than the 1000 ms"
            + " limit; it must hand the work off and return");
    // After the one stall, the good test catches up and then runs exactly at its plan.
    List<Long> starts = good.startNanos("good");
    assertThat(starts.get(59) - starts.get(58)).isEqualTo(SECOND);
  }

  @ParameterizedTest
  @ValueSource(strings = {"prepare-null", "prepare-linkage"})
  void aTestTypeWhosePrepareFailsIsRefusedNamingItsJarAndTheOthersRun(String fault) {
    RunSummary summary = runWith(fault, "rec");

    assertGoodTestKeptItsMinute(summary);
    assertThat(summary.problems()).singleElement().extracting(ConfigError::toString).asString()
        .startsWith("tests.json:3: bad: test type \"faulty\" " + FaultyTestType.class.getName()
            + " (in " + JAR + ") ")
        .containsAnyOf("returned null from prepare(), expected a PreparedTest",
            "failed in prepare(): java.lang.NoClassDefFoundError: com/example/MissingLibrary");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "record-throws  | record() threw java.lang.IllegalStateException: buffer corrupted",
      "record-blocks  | record() blocked for 3000 ms, more than the 1000 ms",
      "account-throws | account() threw java.lang.AbstractMethodError: account at "})
  void aSinkThatFailsIsDisabledNamedWithItsJarAndEveryTestKeepsItsRate(String fault, String call) {
    RunSummary summary = runWith("none", fault);

    assertGoodTestKeptItsMinute(summary);
    // The faulty test type reports its outcome inside start(): a blocking record() blocks that
    // start too, which disables the test as well. Otherwise the test runs on, unmeasured.
    assertThat(account(summary, "bad").started()).isEqualTo(fault.equals("record-blocks") ? 1 : 60);
    assertThat(summary.problems()).first().extracting(ConfigError::toString).asString()
        .contains("destination \"" + fault + "\" disabled for the rest of the run, its results"
            + " dropped: " + FaultyDestination.class.getName())
        .contains("(in " + JAR + ") " + call);
  }

  @ParameterizedTest
  @ValueSource(strings = {"open-null", "open-throws"})
  void aDestinationThatFailsToOpenIsRefusedNamingItsJarAndTheOthersRun(String fault) {
    RunSummary summary = runWith("none", fault);

    assertGoodTestKeptItsMinute(summary);
    assertThat(summary.problems()).singleElement().extracting(ConfigError::toString).asString()
        .contains("destination \"" + fault + "\" " + FaultyDestination.class.getName() + " (in " + JAR + ") ")
        .containsAnyOf("returned null from open(), expected a MetricsSink",
            "failed in open(): java.lang.AbstractMethodError: built against an older API");
  }

  @Test
  void anOutOfMemoryErrorIsLetThroughTheVmCannotBeTrustedAfterIt() {
    assertThatThrownBy(() -> runWith("start-out-of-memory", "rec"))
        .isInstanceOf(OutOfMemoryError.class);
  }

  @Test
  void aTestTypeWithANullNameIsRefusedByTheBuilderNamingIt() {
    TestType nameless = new FaultyTestType(time) {
      @Override
      public String name() {
        return null;
      }
    };
    assertThatThrownBy(() -> CapacityEngine.builder().testType(nameless))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(nameless.getClass().getName() + " (in " + JAR + ") returned null from name()");
  }
}
