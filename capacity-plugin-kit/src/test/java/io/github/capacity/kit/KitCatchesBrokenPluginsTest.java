package io.github.capacity.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The kit fails each plugin that breaks a rule, on the test for that rule, with a message that
 * says what it broke; and the rules a plugin keeps pass.
 */
class KitCatchesBrokenPluginsTest {

  /** Runs a contract subclass; returns each failed test's method name and failure message. */
  private static Map<String, String> failures(Class<?> underContract) {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(underContract)).build(), listener);
    TestExecutionSummary summary = listener.getSummary();
    assertThat(summary.getTestsFoundCount()).as("tests found in " + underContract).isGreaterThan(4);
    Map<String, String> failed = new TreeMap<>();
    for (TestExecutionSummary.Failure failure : summary.getFailures()) {
      String name = failure.getTestIdentifier().getDisplayName().replace("()", "");
      failed.put(name, String.valueOf(failure.getException().getMessage()));
    }
    return failed;
  }

  @Test
  void aStartThatWaitsForTheTargetFailsTheStartRule() {
    Map<String, String> failed = failures(UnderContract.BlockingStart.class);

    assertThat(failed).containsKey("startReturnsPromptlyWhenTheTargetHangs");
    assertThat(failed.get("startReturnsPromptlyWhenTheTargetHangs"))
        .contains("start() did not return within 1000 ms");
    assertThat(failed).doesNotContainKeys("isFoundByServiceLoaderUnderItsNameAndFitsThisApi",
        "reportsExactlyOneOutcomePerExecution", "refusesAnInvalidDefinitionWhenPreparedNamingSourceAndPath");
  }

  @Test
  void aSecondOutcomeOnCancelFailsTheOneOutcomeRule() {
    Map<String, String> failed = failures(UnderContract.DoubleOutcome.class);

    assertThat(failed).containsOnlyKeys("reportsExactlyOneOutcomePerExecutionWhenCancelsRaceCompletions");
    assertThat(failed.get("reportsExactlyOneOutcomePerExecutionWhenCancelsRaceCompletions"))
        .contains("outcomes per execution of ok").contains("expected: 1").contains("but was: 3");
  }

  @Test
  void threadsLeftAfterCloseFailTheCloseRuleNamingThem() {
    Map<String, String> failed = failures(UnderContract.LeakyThread.class);

    assertThat(failed).containsOnlyKeys("leavesNoThreadBehindAfterClose");
    assertThat(failed.get("leavesNoThreadBehindAfterClose"))
        .contains("thread(s) still alive 5000 ms after close(): ").contains("\"leaky-worker\" (daemon)");
  }

  @Test
  void anOpenThatWaitsOnTheNetworkFailsTheOpenRule() {
    Map<String, String> failed = failures(UnderContract.BlockingOpen.class);

    assertThat(failed).containsKeys("opensAtOnceWhenNothingAnswers",
        "takesEverythingWithoutBlockingAndKeepsItsDeadlinesWhenNothingAnswers");
    assertThat(failed.get("opensAtOnceWhenNothingAnswers")).contains("open() did not return within 1000 ms");
    assertThat(failed).doesNotContainKeys("isFoundByServiceLoaderUnderItsNameAndFitsThisApi",
        "refusesAnInvalidDefinitionNamingSourceAndPath");
  }
}
