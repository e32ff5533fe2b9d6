package io.continuity.connector.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Connectivity;
import io.continuity.connector.api.Connector;
import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.LossConclusion;
import io.continuity.connector.api.MemberEndpoint;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.support.StandardStepIds;
import io.continuity.lab.sqlserver.AgSimulator;
import io.continuity.lab.sqlserver.TdsResponder;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The production connector — Microsoft's mssql-jdbc driver, {@code encrypt=false} — against the
 * simulated availability group behind {@link TdsResponder}s, one per replica: login, the DMV
 * queries' types over the wire (numeric(25,0), bigint, bit, datetime, nvarchar), the error number
 * of a refused command, and a failed login.
 */
class MssqlJdbcWireTest {

  private WireLab wire;
  private AgLab lab;

  @BeforeEach
  void open() throws Exception {
    wire = new WireLab();
    lab = wire.lab;
    lab.write(6);
  }

  @AfterEach
  void close() throws Exception {
    wire.close();
  }

  private ConnectorConfig wired(String password) {
    return wire.config(password);
  }

  @Test
  void theRealDriverProbesTheGroupOverTds() throws Exception {
    try (Connector c = new SqlServerConnectorFactory().create(wired(AgLab.PASSWORD))) {
      ProbeResult p = c.probe(Duration.ofSeconds(10));

      assertThat(p.allSitesReachable()).as("%s", p.sites()).isTrue();
      assertThat(p.primarySite()).contains("east");
      assertThat(p.primaryMarker().orElseThrow().position())
          .isEqualTo(AgSimulator.VLF.add(java.math.BigInteger.valueOf(7 * 100_000L)));
      assertThat(p.drMarker().orElseThrow().hasReached(p.primaryMarker().orElseThrow())).isTrue();
      assertThat(p.lag().bytes()).hasValue(0);
      assertThat(p.lag().time()).isPresent();
    }
  }

  @Test
  void aWrongPasswordIsAuthFailedAsTheDriverReportsIt() throws Exception {
    try (Connector c = new SqlServerConnectorFactory().create(wired("wrong"))) {
      ProbeResult p = c.probe(Duration.ofSeconds(10));

      assertThat(p.sites()).allMatch(s -> s.connectivity() == Connectivity.AUTH_FAILED);
    }
  }

  @Test
  void aSwitchoverRunsOverTheWireAndProvesItCaughtUp() throws Exception {
    try (Connector c = new SqlServerConnectorFactory().create(wired(AgLab.PASSWORD))) {
      Map<String, StepResult> results =
          Runs.run(c, OperationType.SWITCHOVER, "west", Optional.empty());

      results.forEach((id, r) -> assertThat(r.succeeded()).as("%s: %s", id, r.output()).isTrue());
      assertThat(results.get(StandardStepIds.PROMOTE_TARGET).loss().orElseThrow().conclusion())
          .isEqualTo(LossConclusion.CAUGHT_UP);
      assertThat(lab.takesWrites("west")).isTrue();
    }
  }

  @Test
  void error41142ArrivesWithItsNumberThroughTheDriver() throws Exception {
    JdbcAgSessions sessions =
        new JdbcAgSessions(wired(AgLab.PASSWORD), AgSettings.parse(wired(AgLab.PASSWORD)));
    try (AgSession s =
        sessions.open(
            new MemberEndpoint("west-1", "127.0.0.1", wire.port("west-1"), Map.of()),
            AgSessions.Intent.READ_WRITE,
            Duration.ofSeconds(5))) {
      SQLException e = null;
      try {
        s.execute(AgQueries.failover(AgLab.GROUP));
      } catch (SQLException thrown) {
        e = thrown;
      }
      assertThat((Object) e).as("FAILOVER on an asynchronous replica is refused").isNotNull();
      assertThat(e.getErrorCode()).isEqualTo(SqlErrors.CANNOT_FAILOVER_UNSYNCHRONIZED);
      assertThat(SqlErrors.isServerRefusal(e)).isTrue();
    }
  }

  @Test
  void aDownReplicaIsUnreachableThroughTheDriver() throws Exception {
    lab.loseSite("west");
    try (Connector c = new SqlServerConnectorFactory().create(wired(AgLab.PASSWORD))) {
      ProbeResult p = c.probe(Duration.ofSeconds(5));

      assertThat(p.site("west").orElseThrow().connectivity().isReachable()).isFalse();
      assertThat(p.primarySite()).contains("east");
    }
  }
}
