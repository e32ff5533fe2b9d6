package io.continuity.connector.postgresql;

import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorFactory;
import io.continuity.connector.testkit.OperationSafetyContract;
import io.continuity.connector.testkit.SafetyLab;
import io.continuity.lab.PostgresNode;
import io.continuity.lab.PostgresPair;
import io.continuity.lab.StopMode;
import io.continuity.lab.junit.LabAssumptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** The operation safety promises, kept on a real PostgreSQL pair (a fresh one per test). */
class PostgresSafetyContractIT extends OperationSafetyContract {

  @Override
  protected ConnectorFactory factory() {
    return new PostgresConnectorFactory();
  }

  @Override
  protected SafetyLab newLab() {
    return new PairLab(PostgresPair.start(LabAssumptions.postgresBinaries()));
  }

  /** East primary, west DR; acknowledged writes are rows of {@code acks}, durably committed. */
  static final class PairLab implements SafetyLab {

    private final PostgresPair pair;
    private final ConnectorConfig config;
    private long acknowledged;

    PairLab(PostgresPair pair) {
      this.pair = pair;
      pair.node("east").sql("create table acks(id bigserial primary key)");
      this.config =
          LabConfigs.withAllActions(
              "safety", pair, "catchUpTimeout", "3s", "promoteTimeout", "10s");
    }

    @Override
    public ConnectorConfig config() {
      return config;
    }

    @Override
    public String primarySite() {
      return "east";
    }

    @Override
    public String drSite() {
      return "west";
    }

    @Override
    public long write(int count) throws Exception {
      if (count == 0) {
        return acknowledged;
      }
      PostgresNode primary = pair.primary();
      try (Connection c = connect(primary);
          Statement s = c.createStatement()) {
        s.execute("set synchronous_commit = on");
        for (int i = 0; i < count; i++) {
          s.execute("insert into acks default values");
          acknowledged++;
        }
      }
      return acknowledged;
    }

    @Override
    public long writesVisibleOn(String site) throws Exception {
      try (Connection c = connect(pair.node(site));
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select count(*) from acks")) {
        rs.next();
        return rs.getLong(1);
      } catch (SQLException e) {
        return -1;
      }
    }

    @Override
    public boolean takesWrites(String site) {
      PostgresNode node = pair.node(site);
      if (!node.isRunning()) {
        return false;
      }
      try (Connection c = connect(node);
          Statement s = c.createStatement()) {
        c.setAutoCommit(false);
        s.execute("insert into acks default values");
        c.rollback();
        return true;
      } catch (SQLException e) {
        return false;
      }
    }

    @Override
    public void pauseReplication() {
      pair.breakReplication();
    }

    @Override
    public void resumeReplication() {
      if (pair.node("east").isRunning() && pair.node("west").isRunning()) {
        try {
          pair.restoreReplication();
        } catch (RuntimeException e) {
          // the test that paused it may have changed the roles; the pair is discarded anyway
        }
      }
    }

    @Override
    public void loseSite(String site) {
      pair.stop(pair.node(site), StopMode.IMMEDIATE);
    }

    @Override
    public void close() {
      pair.close();
    }

    private static Connection connect(PostgresNode node) throws SQLException {
      Properties props = new Properties();
      props.setProperty("user", PostgresNode.SUPERUSER);
      props.setProperty("connectTimeout", "2");
      return DriverManager.getConnection(node.jdbcUrl(), props);
    }
  }
}
