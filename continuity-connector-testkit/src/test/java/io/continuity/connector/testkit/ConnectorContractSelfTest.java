package io.continuity.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorFactory;
import io.continuity.connector.api.EnvironmentSecretResolver;
import io.continuity.connector.api.SecretRef;
import io.continuity.connector.api.SiteEndpoint;
import io.continuity.connector.api.SiteRole;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Proves the kit is honest: a well-behaved fake connector passes every contract test, and a fake
 * broken in one way fails the contract test named for that rule.
 */
class ConnectorContractSelfTest {

  /** The defect the next launched {@link FakeContract} gets; the launcher runs on this thread. */
  private static volatile Defect defect;

  @Test
  void aWellBehavedConnectorPassesEveryContractTest() {
    TestExecutionSummary summary = runContractWith(null);

    assertThat(summary.getTestsSucceededCount()).isEqualTo(9);
    assertThat(summary.getTestsFailedCount()).isZero();
    assertThat(summary.getTestsAbortedCount()).isZero();
  }

  @ParameterizedTest(name = "{0} fails {1}")
  @CsvSource({
    "UNREGISTERED, factoryIsFoundByServiceLoaderForItsPlatform",
    "NO_MONITOR, capabilitiesDeclareMonitorAndStayWithinTheFactorysPromise",
    "CAPABILITY_BEYOND_FACTORY, capabilitiesDeclareMonitorAndStayWithinTheFactorysPromise",
    "MISSING_SITE, probeAnswersWithinItsTimeoutWithOneEntryPerConfiguredSite",
    "SLOW_PROBE, probeAnswersWithinItsTimeoutWithOneEntryPerConfiguredSite",
    "SECRET_IN_PAYLOAD, configuredSecretNeverAppearsInWhatTheConnectorHandsBack",
    "SECRET_IN_PRECHECK, configuredSecretNeverAppearsInWhatTheConnectorHandsBack",
    "SECRET_IN_EXCEPTION, configuredSecretNeverAppearsInWhatTheConnectorHandsBack",
    "MARKER_BACKWARDS, markersAreComparableAndNeverGoBackwards",
    "NO_MARKERS_DESPITE_CAPABILITY, markersAreComparableAndNeverGoBackwards",
    "PLAN_WITHOUT_PRECHECK, plansOfAvailableOperationsHaveWellFormedSteps",
    "UNSTABLE_STEP_IDS, plansOfAvailableOperationsHaveWellFormedSteps",
    "PLAN_WITHOUT_POSTCHECK, plansRunPrechecksThenActionsThenPostchecksAndEndWithAPostcheck",
    "PRECHECK_AFTER_ACTION, plansRunPrechecksThenActionsThenPostchecksAndEndWithAPostcheck",
    "RUNS_UNKNOWN_STEP, aStepIdOutsideTheConnectorsPlansIsRefusedAsPermanentAndRunsNothing",
    "RETRIABLE_REFUSAL, planningAnUnavailableOperationIsRefusedAsNotRetriable",
    "PLANS_UNAVAILABLE_OPERATION, planningAnUnavailableOperationIsRefusedAsNotRetriable"
  })
  void aBrokenConnectorFailsTheContractTestForItsDefect(Defect broken, String contractTest) {
    TestExecutionSummary summary = runContractWith(broken);

    Set<String> failed =
        summary.getFailures().stream()
            .map(f -> f.getTestIdentifier().getDisplayName().replace("()", ""))
            .collect(Collectors.toSet());
    assertThat(failed).contains(contractTest);
  }

  private static TestExecutionSummary runContractWith(Defect chosen) {
    defect = chosen;
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(FakeContract.class))
            .build(),
        listener);
    return listener.getSummary();
  }

  /** The contract, applied to the fake connector with the current {@link #defect}. */
  static class FakeContract extends ConnectorContract {

    private static final String SECRET = "fake-Secret-4711";

    @Override
    protected ConnectorFactory factory() {
      return new FakeConnectorFactory(defect);
    }

    @Override
    protected ConnectorConfig healthyConfig() {
      return new ConnectorConfig(
          "fake-1",
          factory().platform(),
          List.of(
              new SiteEndpoint("east", SiteRole.PRIMARY, Map.of()),
              new SiteEndpoint("west", SiteRole.DR, Map.of())),
          Map.of(),
          Map.of("password", SecretRef.parse("env:FAKE_PASSWORD")),
          new EnvironmentSecretResolver(Map.of("FAKE_PASSWORD", SECRET)));
    }

    @Override
    protected String configuredSecretValue() {
      return SECRET;
    }

    @Override
    protected Duration probeTimeout() {
      return Duration.ofMillis(100);
    }

    @Override
    protected Duration probeGrace() {
      return Duration.ofMillis(200);
    }
  }
}
