package io.continuity.connector.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.PayloadSanitizer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostActionRunnerTest {

  static final String SECRET = "s3cr3t-Value-4711";

  /** Runs {@code command} as the stop action of site east (port 5433), west being the peer. */
  private static HostActionRunner.Outcome run(String command, Duration timeout)
      throws ConnectorException {
    HostActionRunner runner =
        new HostActionRunner("orders-db", PayloadSanitizer.withKnownSecrets(List.of(SECRET)));
    return runner.run(
        "stop",
        command,
        new HostActionEndpoint("east", "pg-east", 5433),
        new HostActionEndpoint("west", "pg-west", 5432),
        "exec-1",
        timeout);
  }

  @Test
  void anActionSeesItsResourceSiteAndPeerButNoInheritedEnvironment() throws Exception {
    HostActionRunner.Outcome outcome =
        run(
            "echo $CONTINUITY_RESOURCE $CONTINUITY_ACTION $CONTINUITY_SITE $CONTINUITY_SITE_PORT"
                + " $CONTINUITY_PEER_HOST $CONTINUITY_EXECUTION_ID; env | grep -c -v -E"
                + " '^(PATH|HOME|LANG|LC_ALL|TZ|PWD|SHLVL|_|CONTINUITY_[A-Z_]+)=' || true",
            Duration.ofSeconds(10));

    assertThat(outcome.succeeded()).isTrue();
    assertThat(outcome.output()).startsWith("orders-db stop east 5433 pg-west exec-1\n0");
  }

  @Test
  void aNonZeroExitIsAFailedOutcomeWithSanitizedOutput() throws Exception {
    HostActionRunner.Outcome outcome =
        run("echo password=" + SECRET + "; exit 3", Duration.ofSeconds(10));

    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.exitCode()).isEqualTo(3);
    assertThat(outcome.output()).doesNotContain(SECRET).contains("password=***");
  }

  @Test
  void outputIsCappedAndSaysItWasTruncated() throws Exception {
    HostActionRunner.Outcome outcome =
        run("head -c 100000 /dev/zero | tr '\\0' x", Duration.ofSeconds(10));

    assertThat(outcome.output()).endsWith("[output truncated]");
    assertThat(outcome.output().length()).isLessThan(HostActionRunner.MAX_OUTPUT + 100);
  }

  @Test
  void anActionPastItsTimeoutIsKilledAndReportedAsUnknownOutcome() {
    long started = System.nanoTime();

    assertThatThrownBy(() -> run("sleep 30", Duration.ofMillis(300)))
        .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.isRetriable()).isTrue())
        .hasMessageContaining("outcome is unknown");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }
}
