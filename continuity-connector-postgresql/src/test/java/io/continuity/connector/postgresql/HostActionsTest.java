package io.continuity.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.PayloadSanitizer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostActionsTest {

  /** Runs {@code command} as the stop action of site east (port 5433), west being the peer. */
  private static HostActions.Outcome run(String command, Duration timeout)
      throws ConnectorException {
    PostgresSettings settings =
        Fixtures.settings(
            Fixtures.config(
                Map.of("host", "pg-east", "port", "5433", "action.stop", command),
                Map.of("host", "pg-west")));
    HostActions actions =
        new HostActions(settings, PayloadSanitizer.withKnownSecrets(List.of(Fixtures.PASSWORD)));
    return actions.run("stop", settings.site("east"), settings.site("west"), "exec-1", timeout);
  }

  @Test
  void actionSeesItsSiteAndPeerButNoInheritedEnvironment() throws Exception {
    HostActions.Outcome outcome =
        run(
            "echo $CONTINUITY_ACTION $CONTINUITY_SITE $CONTINUITY_SITE_PORT $CONTINUITY_PEER_HOST"
                + " $CONTINUITY_EXECUTION_ID; env | grep -c -v -E"
                + " '^(PATH|HOME|LANG|LC_ALL|TZ|PWD|SHLVL|_|CONTINUITY_[A-Z_]+)=' || true",
            Duration.ofSeconds(10));

    assertThat(outcome.succeeded()).isTrue();
    assertThat(outcome.output()).startsWith("stop east 5433 pg-west exec-1\n0");
  }

  @Test
  void nonZeroExitIsAFailedOutcomeWithSanitizedOutput() throws Exception {
    HostActions.Outcome outcome =
        run("echo password=" + Fixtures.PASSWORD + "; exit 3", Duration.ofSeconds(10));

    assertThat(outcome.exitCode()).isEqualTo(3);
    assertThat(outcome.output()).doesNotContain(Fixtures.PASSWORD).contains("password=***");
  }

  @Test
  void actionPastItsTimeoutIsKilledAndReportedAsUnknownOutcome() {
    long started = System.nanoTime();

    assertThatThrownBy(() -> run("sleep 30", Duration.ofMillis(300)))
        .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.isRetriable()).isTrue())
        .hasMessageContaining("outcome is unknown");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }
}
