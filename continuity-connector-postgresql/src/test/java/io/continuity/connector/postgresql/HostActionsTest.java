package io.continuity.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.PayloadSanitizer;
import io.continuity.connector.support.HostActionRunner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The PostgreSQL side of host actions: which command a site configured, and its endpoints. */
class HostActionsTest {

  private static final PostgresSettings SETTINGS =
      Fixtures.settings(
          Fixtures.config(
              Map.of(
                  "host",
                  "pg-east",
                  "port",
                  "5433",
                  "action.stop",
                  "echo $CONTINUITY_SITE_HOST:$CONTINUITY_SITE_PORT"
                      + " $CONTINUITY_PEER_SITE $CONTINUITY_PEER_HOST:$CONTINUITY_PEER_PORT"),
              Map.of("host", "pg-west")));
  private static final HostActions ACTIONS =
      new HostActions(SETTINGS, PayloadSanitizer.withKnownSecrets(List.of(Fixtures.PASSWORD)));

  @Test
  void theSitesConfiguredCommandRunsWithItsOwnAndItsPeersEndpoint() throws Exception {
    HostActionRunner.Outcome outcome =
        ACTIONS.run(
            "stop", SETTINGS.site("east"), SETTINGS.site("west"), "exec-1", Duration.ofSeconds(10));

    assertThat(outcome.succeeded()).isTrue();
    assertThat(outcome.output()).startsWith("pg-east:5433 west pg-west:5432");
  }

  @Test
  void anActionTheSiteDoesNotConfigureIsAPermanentFailureThatRunsNothing() {
    assertThatThrownBy(
            () ->
                ACTIONS.run(
                    "fence",
                    SETTINGS.site("east"),
                    SETTINGS.site("west"),
                    "exec-1",
                    Duration.ofSeconds(10)))
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.isRetriable()).isFalse())
        .hasMessageContaining("no host action 'action.fence'");
  }
}
