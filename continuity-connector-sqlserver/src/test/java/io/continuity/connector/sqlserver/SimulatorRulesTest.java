package io.continuity.connector.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.connector.api.MemberEndpoint;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake keeps the documented rules the connector relies on (brief §2.4–2.6, §4.2). */
class SimulatorRulesTest {

  private AgLab lab;

  @BeforeEach
  void open() throws Exception {
    lab = new AgLab();
    lab.write(4);
  }

  @AfterEach
  void close() throws Exception {
    lab.close();
  }

  private AgSession session(String member) throws SQLException {
    return SimulatedSessions.over(lab.sim)
        .open(
            new MemberEndpoint(member, member + ".example.internal", 1433, Map.of()),
            AgSessions.Intent.READ_WRITE,
            Duration.ofSeconds(1));
  }

  @Test
  void plannedFailoverOfAnAsynchronousReplicaIsError41142() throws Exception {
    try (AgSession s = session("west-1")) {
      assertThatThrownBy(() -> s.execute(AgQueries.failover(AgLab.GROUP)))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(41142));
    }
    assertThat(lab.sim.named("SQLPAY01").role).isEqualTo("PRIMARY");
  }

  @Test
  void failoverReturnsBeforeRecoveryFinishes() throws Exception {
    try (AgSession s = session("east-2")) {
      s.execute(AgQueries.failover(AgLab.GROUP));
      List<Row> state = s.query(AgQueries.DATABASE_UPDATEABILITY, "Payments");
      assertThat(state.get(0).text("state_desc")).isEqualTo("RECOVERING");
    }
    assertThat(lab.takesWrites("east")).isFalse();
    Thread.sleep(200);
    assertThat(lab.takesWrites("east")).isTrue();
  }

  @Test
  void aSecondarySeesOnlyItsOwnRowsInTheStateViews() throws Exception {
    try (AgSession s = session("west-1")) {
      List<Row> dbs = s.query(AgQueries.DATABASES, AgLab.GROUP);
      assertThat(dbs).allMatch(r -> r.bit("is_local"));
      List<Row> replicas = s.query(AgQueries.REPLICAS, AgLab.GROUP);
      assertThat(replicas).hasSize(3);
      assertThat(replicas).filteredOn(r -> r.raw("role_desc") != null).hasSize(1);
    }
  }

  @Test
  void forcedFailoverSuspendsEveryOtherReplicaFromPartner() throws Exception {
    lab.pauseReplication();
    lab.write(2);
    try (AgSession s = session("west-1")) {
      s.execute(AgQueries.forceFailover(AgLab.GROUP));
    }
    for (String replica : List.of("SQLPAY01", "SQLPAY02")) {
      assertThat(lab.sim.named(replica).role).isEqualTo("SECONDARY");
      assertThat(lab.sim.named(replica).dbs.values())
          .allMatch(d -> d.suspended && "SUSPEND_FROM_PARTNER".equals(d.suspendReason));
    }
  }

  @Test
  void unknownStatementsAreSyntaxErrors() throws Exception {
    try (AgSession s = session("east-1")) {
      assertThatThrownBy(() -> s.query("SELECT 1"))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(102));
    }
  }
}
