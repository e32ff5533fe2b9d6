package io.continuity.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.connector.api.ConnectorException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresSettingsTest {

  @Test
  void defaultsAreThreeSecondConnectsAndSixteenMibOfSwitchoverLag() {
    PostgresSettings s = Fixtures.settings(Fixtures.config());

    assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(s.maxSwitchoverLagBytes()).isEqualTo(16L << 20);
    assertThat(s.site("east").port()).isEqualTo(5432);
    assertThat(s.site("east").database()).isEqualTo("postgres");
    assertThat(s.heartbeatTable()).isEmpty();
  }

  @Test
  void theInventorysTypedHeartbeatIsUsedUnlessTheConnectorSettingsNameATable() {
    io.continuity.connector.api.HeartbeatSpec spec =
        new io.continuity.connector.api.HeartbeatSpec("ops.beat", java.time.Duration.ofSeconds(5));

    PostgresSettings fromInventory = Fixtures.settings(Fixtures.config().withHeartbeat(spec));
    PostgresSettings own =
        Fixtures.settings(Fixtures.config("heartbeatTable", "mine.beat").withHeartbeat(spec));
    PostgresSettings none = Fixtures.settings(Fixtures.config());

    assertThat(fromInventory.heartbeatTable()).contains("ops.beat");
    assertThat(fromInventory.heartbeatInterval()).contains(java.time.Duration.ofSeconds(5));
    assertThat(own.heartbeatTable()).contains("mine.beat");
    assertThat(none.heartbeatTable()).isEmpty();
    assertThat(none.heartbeatInterval()).isEmpty();
  }

  @Test
  void aCloneActionWithoutItsDiscardActionIsRefused() {
    assertThatThrownBy(
            () ->
                Fixtures.settings(
                    Fixtures.config(
                        Map.of("host", "pg-east"),
                        Map.of("host", "pg-west", "action.clone", "ssh west clone"))))
        .hasMessageContaining("site west")
        .hasMessageContaining("action.discard-clone");
  }

  @Test
  void cloneEndpointIsTheLastEndpointLineTheActionPrinted() {
    SiteSettings west = Fixtures.settings(Fixtures.config()).site("west");

    assertThat(
            CloneDrillSteps.endpoint(
                "pg_basebackup: done\nclone-endpoint: 10.0.0.9:6543\nclone-endpoint:"
                    + " 127.0.0.1:7654\n",
                west))
        .hasValueSatisfying(
            c -> {
              assertThat(c.host()).isEqualTo("127.0.0.1");
              assertThat(c.port()).isEqualTo(7654);
              assertThat(c.database()).isEqualTo(west.database());
              assertThat(c.actions()).isEmpty();
            });
    assertThat(CloneDrillSteps.endpoint("started on port 7654", west)).isEmpty();
  }

  @Test
  void siteSettingsAndFlatSiteKeysBothConfigureASite() {
    PostgresSettings s =
        Fixtures.settings(
            Fixtures.config(
                Map.of("host", "pg-east", "action.stop", "ssh east stop"),
                Map.of("host", "pg-west"),
                "site.west.port",
                "6432",
                "site.west.action.fence",
                "ssh west fence",
                "database",
                "orders",
                "connectTimeout",
                "500ms"));

    assertThat(s.site("east").action("stop")).contains("ssh east stop");
    assertThat(s.site("west").port()).isEqualTo(6432);
    assertThat(s.site("west").action("fence")).contains("ssh west fence");
    assertThat(s.site("west").database()).isEqualTo("orders");
    assertThat(s.connectTimeout()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void errorsNameTheKeyToFix() {
    assertThatThrownBy(() -> Fixtures.settings(Fixtures.config("conectTimeout", "3s")))
        .hasMessageContaining("unknown setting 'conectTimeout'");
    assertThatThrownBy(
            () ->
                Fixtures.settings(
                    Fixtures.config(
                        Map.of("host", "a", "action.reboot", "x"), Map.of("host", "b"))))
        .hasMessageContaining("action.reboot")
        .hasMessageContaining("action.fence");
    assertThatThrownBy(() -> Fixtures.settings(Fixtures.config(Map.of(), Map.of("host", "b"))))
        .hasMessageContaining("site east needs a 'host'");
    assertThatThrownBy(() -> Fixtures.settings(Fixtures.config("site.west.port", "70000")))
        .hasMessageContaining("'port' must be a number from 1 to 65535");
    assertThatThrownBy(
            () -> Fixtures.settings(Fixtures.config("heartbeatTable", "hb; drop table x")))
        .hasMessageContaining("heartbeatTable");
    assertThatThrownBy(() -> Fixtures.settings(Fixtures.config("site.north.host", "x")))
        .hasMessageContaining("name no configured site");
  }

  @Test
  void factoryRefusesAnInvalidConfigurationAsNotRetriable() {
    assertThatThrownBy(
            () -> new PostgresConnectorFactory().create(Fixtures.config("statementTimeout", "0s")))
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.isRetriable()).isFalse())
        .hasMessageContaining("resource orders")
        .hasMessageContaining("statementTimeout");
  }
}
