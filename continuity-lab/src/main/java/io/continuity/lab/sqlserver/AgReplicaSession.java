package io.continuity.lab.sqlserver;

import static io.continuity.lab.sqlserver.AgSimulator.BLOCK_KB;
import static io.continuity.lab.sqlserver.AgSimulator.CANNOT_FAILOVER_UNSYNCHRONIZED;
import static io.continuity.lab.sqlserver.AgSimulator.REPLICA_NOT_IN_STATE;

import io.continuity.lab.sqlserver.AgSimulator.Db;
import io.continuity.lab.sqlserver.AgSimulator.Replica;
import java.math.BigInteger;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One connection to one replica of an {@link AgSimulator} ({@link AgSimulator#open}): answers the
 * SQL Server connector's queries and ALTER statements as that replica would, by the rules the
 * simulator's documentation lists; every row is a map by column label.
 */
public final class AgReplicaSession implements AutoCloseable {
  private final AgSimulator sim;
  private final String group;
  private final Map<String, Replica> replicas;
  private final Duration recovery;
  private final Replica local;
  private final boolean readOnly;

  AgReplicaSession(AgSimulator sim, Replica local, boolean readOnly) {
    this.sim = sim;
    this.group = sim.group;
    this.replicas = sim.replicas;
    this.recovery = sim.recovery;
    this.local = local;
    this.readOnly = readOnly;
  }

  /** Runs one of the connector's queries; positional parameters ({@code ?}). */
  public List<Map<String, Object>> query(String sql, Object... parameters) throws SQLException {
    synchronized (sim) {
      alive();
      propagate();
      // by the view each statement reads (the connector's AgQueries, brief §2.2)
      if (sql.contains("FROM sys.dm_hadr_database_replica_cluster_states")) {
        return group.equals(parameters[0]) ? clusterRows() : List.of();
      }
      if (sql.contains("FROM sys.dm_hadr_database_replica_states")) {
        return group.equals(parameters[0]) ? databaseRows() : List.of();
      }
      if (sql.contains("JOIN sys.dm_hadr_availability_replica_states")) {
        return group.equals(parameters[0]) ? replicaRows() : List.of();
      }
      if (sql.contains("DATABASEPROPERTYEX(d.name, 'Updateability')")) {
        return updateability((String) parameters[0]);
      }
      throw new SQLException("Incorrect syntax near '" + sql + "'.", "S0001", 102);
    }
  }

  /** Runs one of the connector's ALTER statements. */
  public void execute(String sql) throws SQLException {
    synchronized (sim) {
      alive();
      propagate();
      String g = Pattern.quote("[" + group.replace("]", "]]") + "]");
      if (sql.matches("ALTER AVAILABILITY GROUP " + g + " FAILOVER")) {
        failover(false);
      } else if (sql.matches("ALTER AVAILABILITY GROUP " + g + " FORCE_FAILOVER_ALLOW_DATA_LOSS")) {
        failover(true);
      } else if (sql.matches("ALTER DATABASE \\[(.+)\\] SET HADR RESUME")) {
        Matcher m = Pattern.compile("ALTER DATABASE \\[(.+)\\] SET HADR RESUME").matcher(sql);
        m.matches();
        resume(m.group(1).replace("]]", "]"));
      } else {
        Matcher m =
            Pattern.compile(
                    "ALTER AVAILABILITY GROUP "
                        + g
                        + " MODIFY REPLICA ON N'(.+)' WITH \\(AVAILABILITY_MODE ="
                        + " (SYNCHRONOUS_COMMIT|ASYNCHRONOUS_COMMIT)\\)")
                .matcher(sql);
        if (!m.matches()) {
          throw new SQLException("Incorrect syntax near '" + sql + "'.", "S0001", 102);
        }
        modify(m.group(1).replace("''", "'"), m.group(2));
      }
      propagate();
    }
  }

  private void alive() throws SQLException {
    if (!local.up || local.fenced()) {
      throw new SQLException("Connection reset", "08S01", 0);
    }
  }

  private List<Map<String, Object>> replicaRows() {
    List<Map<String, Object>> rows = new ArrayList<>();
    boolean onPrimary = local.role.equals("PRIMARY");
    for (Replica r : replicas.values()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("ag_name", group);
      m.put("cluster_type_desc", "WSFC");
      m.put("replica_id", UUID.nameUUIDFromBytes(r.name.getBytes()).toString());
      m.put("replica_server_name", r.name);
      m.put("availability_mode_desc", r.mode);
      m.put("failover_mode_desc", "MANUAL");
      m.put("secondary_role_allow_connections_desc", r.allowConnections);
      boolean visible = r == local || onPrimary;
      m.put("is_local", visible ? (r == local) : null);
      boolean connected =
          r == local ? local.connected() || local.role.equals("PRIMARY") : r.connected();
      m.put("role_desc", visible && (r == local || connected) ? r.role : null);
      m.put("operational_state_desc", r == local ? "ONLINE" : null);
      m.put("connected_state_desc", visible ? (connected ? "CONNECTED" : "DISCONNECTED") : null);
      m.put("synchronization_health_desc", visible ? replicaHealth(r) : null);
      m.put("last_connect_error_number", null);
      rows.add(m);
    }
    return rows;
  }

  private List<Map<String, Object>> databaseRows() {
    List<Map<String, Object>> rows = new ArrayList<>();
    boolean onPrimary = local.role.equals("PRIMARY");
    Replica p = primary();
    for (Replica r : replicas.values()) {
      if (r != local && !onPrimary) {
        continue; // "on a secondary … only local" rows
      }
      for (Map.Entry<String, Db> e : r.dbs.entrySet()) {
        Db d = e.getValue();
        Db pd = p == null ? null : p.dbs.get(e.getKey());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("database_name", e.getKey());
        m.put("replica_server_name", r.name);
        m.put("is_local", r == local);
        m.put("is_primary_replica", r.role.equals("PRIMARY"));
        m.put("synchronization_state_desc", syncState(r, d));
        m.put("synchronization_health_desc", dbHealth(r, d));
        boolean recovering = Instant.now().isBefore(d.onlineAt);
        m.put(
            "database_state_desc",
            d.cannotComeOnline ? "RECOVERY_PENDING" : recovering ? "RECOVERING" : "ONLINE");
        m.put("is_suspended", d.suspended);
        m.put("suspend_reason_desc", d.suspended ? d.suspendReason : null);
        m.put("end_of_log_lsn", new java.math.BigDecimal(flushLsn(d.block())));
        boolean primaryRow = r.role.equals("PRIMARY");
        Object hardened;
        if (primaryRow) {
          // NULL on an asynchronous primary; else the lowest of the synchronous secondaries
          hardened =
              r.mode.equals("ASYNCHRONOUS_COMMIT")
                  ? null
                  : replicas.values().stream()
                      .filter(x -> x != r && x.mode.equals("SYNCHRONOUS_COMMIT"))
                      .map(x -> flushLsn(x.dbs.get(e.getKey()).block()))
                      .min(BigInteger::compareTo)
                      .map(java.math.BigDecimal::new)
                      .orElse(null);
        } else {
          hardened = new java.math.BigDecimal(flushLsn(d.block()));
        }
        m.put("last_hardened_lsn", hardened);
        m.put(
            "last_redone_lsn",
            d.log.isEmpty() ? null : new java.math.BigDecimal(realLsn(d.block())));
        m.put(
            "last_commit_lsn",
            d.log.isEmpty() ? null : new java.math.BigDecimal(realLsn(d.block())));
        m.put(
            "last_commit_time",
            d.log.isEmpty()
                ? null
                : LocalDateTime.ofInstant(d.log.get(d.log.size() - 1).commit(), ZoneOffset.UTC));
        long queue =
            pd == null || primaryRow || !r.connected() && r == local
                ? 0
                : Math.max(0, pd.block() - d.block()) * BLOCK_KB;
        m.put(
            "log_send_queue_size",
            primaryRow ? null : (r == local && !r.connected() ? null : queue));
        m.put("redo_queue_size", primaryRow ? null : 0L);
        rows.add(m);
      }
    }
    return rows;
  }

  private List<Map<String, Object>> clusterRows() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Replica r : replicas.values()) {
      for (Map.Entry<String, Db> e : r.dbs.entrySet()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("replica_server_name", r.name);
        m.put("database_name", e.getKey());
        boolean ready =
            r.role.equals("PRIMARY")
                ? online(r)
                : "SYNCHRONIZED".equals(syncState(r, e.getValue()));
        m.put("is_failover_ready", ready);
        m.put("is_database_joined", true);
        m.put("is_pending_secondary_suspend", false);
        rows.add(m);
      }
    }
    return rows;
  }

  private List<Map<String, Object>> updateability(String database) {
    Db d = local.dbs.get(database);
    if (d == null) {
      return List.of();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", database);
    boolean primary = local.role.equals("PRIMARY");
    boolean readable =
        local.allowConnections.equals("ALL")
            || (local.allowConnections.equals("READ_ONLY") && readOnly);
    String state;
    if (d.cannotComeOnline) {
      state = "RECOVERY_PENDING";
    } else if (Instant.now().isBefore(d.onlineAt)) {
      state = "RECOVERING";
    } else {
      state = primary || readable ? "ONLINE" : "RESTORING";
    }
    m.put("state_desc", state);
    m.put("updateability", primary ? "READ_WRITE" : "READ_ONLY");
    return List.of(m);
  }

  private void failover(boolean force) throws SQLException {
    String role = local.role;
    if (!(role.equals("SECONDARY") || (force && role.equals("RESOLVING")))) {
      throw new SQLException(
          "Availability group '"
              + group
              + "' failed to process the command. The local availability replica is not in a"
              + " state that could process the command.",
          "S0001",
          REPLICA_NOT_IN_STATE);
    }
    Replica p = primary();
    boolean synchronizedTarget =
        p != null
            && p.up
            && local.connected()
            && local.dbs.values().stream()
                .allMatch(d -> "SYNCHRONIZED".equals(syncState(local, d)));
    if (!force && !synchronizedTarget) {
      throw new SQLException(
          "The availability replica for availability group '"
              + group
              + "' on this instance of SQL Server cannot become the primary replica. One or more"
              + " databases are not synchronized or have not joined the availability group. If"
              + " the availability replica uses the asynchronous-commit mode, consider performing"
              + " a forced manual failover (with possible data loss).",
          "S0001",
          CANNOT_FAILOVER_UNSYNCHRONIZED);
    }
    Instant online = Instant.now().plus(recovery);
    if (synchronizedTarget) {
      // planned failover (or a forced one on a synchronized secondary with a healthy cluster)
      if (p != null) {
        p.role = "SECONDARY";
      }
      local.role = "PRIMARY";
      local.dbs.values().forEach(d -> d.onlineAt = online);
      return;
    }
    String fork = UUID.randomUUID().toString();
    for (Replica r : replicas.values()) {
      if (r == local) {
        continue;
      }
      r.role = "SECONDARY";
      for (Db d : r.dbs.values()) {
        d.suspended = true;
        d.suspendReason = "SUSPEND_FROM_PARTNER";
      }
    }
    local.role = "PRIMARY";
    for (Db d : local.dbs.values()) {
      if (Instant.now().isBefore(d.revertingUntil)) {
        d.cannotComeOnline = true;
      }
      d.suspended = false;
      d.suspendReason = null;
      d.fork = fork;
      d.onlineAt = online;
    }
  }

  private void resume(String database) throws SQLException {
    Db d = local.dbs.get(database);
    if (d == null) {
      throw new SQLException(
          "Database '" + database + "' is not in the availability group.", "S0001", 35242);
    }
    if (!d.suspended || local.role.equals("PRIMARY")) {
      return;
    }
    Replica p = primary();
    // roll back what the new primary never had: keep the common prefix only
    if (p != null) {
      Db src = p.dbs.get(database);
      int common = 0;
      while (common < d.log.size()
          && common < src.log.size()
          && d.log.get(common).equals(src.log.get(common))) {
        common++;
      }
      d.log.subList(common, d.log.size()).clear();
    }
    d.suspended = false;
    d.suspendReason = null;
    d.revertingUntil = Instant.now().plus(recovery.dividedBy(2));
  }

  private void modify(String replica, String mode) throws SQLException {
    if (!local.role.equals("PRIMARY")) {
      throw new SQLException(
          "The local availability replica is not in a state that could process the command.",
          "S0001",
          REPLICA_NOT_IN_STATE);
    }
    Replica r = replicas.get(replica);
    if (r == null) {
      throw new SQLException("Replica '" + replica + "' does not exist.", "S0001", 41108);
    }
    r.mode = mode;
  }

  @Override
  public void close() {}

  // the simulator's state machine, read under its lock
  private Replica primary() {
    return sim.primary();
  }

  private void propagate() {
    sim.propagate();
  }

  private boolean online(Replica r) {
    return sim.online(r);
  }

  private String syncState(Replica r, Db d) {
    return sim.syncState(r, d);
  }

  private String dbHealth(Replica r, Db d) {
    return sim.dbHealth(r, d);
  }

  private String replicaHealth(Replica r) {
    return sim.replicaHealth(r);
  }

  private static BigInteger flushLsn(long block) {
    return AgSimulator.flushLsn(block);
  }

  private static BigInteger realLsn(long block) {
    return AgSimulator.realLsn(block);
  }
}
