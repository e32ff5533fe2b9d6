package io.continuity.lab.sqlserver;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * What a {@link TdsResponder} answers for one replica of an {@link AgSimulator}: every batch runs
 * in a read-write session on that replica; a replica that is down or fenced drops the connection.
 */
public final class ReplicaBackend implements TdsResponder.Backend {

  private final AgSimulator sim;
  private final AgSimulator.Replica replica;

  public ReplicaBackend(AgSimulator sim, AgSimulator.Replica replica) {
    this.sim = sim;
    this.replica = replica;
  }

  @Override
  public List<Map<String, Object>> query(String sql, Object... parameters) throws SQLException {
    try (AgReplicaSession s = sim.open(replica.member, false)) {
      return s.query(sql, parameters);
    }
  }

  @Override
  public void execute(String sql) throws SQLException {
    try (AgReplicaSession s = sim.open(replica.member, false)) {
      s.execute(sql);
    }
  }

  @Override
  public boolean accepting() {
    synchronized (sim) {
      return replica.up && !replica.fenced();
    }
  }
}
