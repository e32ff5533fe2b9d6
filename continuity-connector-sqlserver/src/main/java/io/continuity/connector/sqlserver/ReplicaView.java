package io.continuity.connector.sqlserver;

import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * What one replica instance said about the availability group (brief §2.2), read by {@link #read}:
 * the replicas (catalog view joined to the local DMV), the database replica states it can see and
 * the cluster's failover readiness. Values have "only local relevance" (the DMV page): a secondary
 * sees its own rows only.
 */
record ReplicaView(
    String member,
    String clusterType,
    List<ReplicaRow> replicas,
    List<DbRow> databases,
    List<ClusterRow> clusterStates) {

  /** One row of the replicas query. */
  record ReplicaRow(
      String name,
      String availabilityMode,
      String failoverMode,
      String secondaryAllowConnections,
      boolean local,
      String role,
      String operationalState,
      String connectedState,
      String synchronizationHealth,
      Optional<Long> lastConnectError) {}

  /** One row of sys.dm_hadr_database_replica_states. */
  record DbRow(
      String database,
      String replica,
      boolean local,
      boolean primary,
      String synchronizationState,
      String synchronizationHealth,
      String databaseState,
      boolean suspended,
      String suspendReason,
      Optional<BigInteger> endOfLogLsn,
      Optional<BigInteger> lastHardenedLsn,
      Optional<BigInteger> lastRedoneLsn,
      Optional<BigInteger> lastCommitLsn,
      Optional<Instant> lastCommitTime,
      Optional<Long> logSendQueueKb,
      Optional<Long> redoQueueKb) {}

  /** One row of sys.dm_hadr_database_replica_cluster_states. */
  record ClusterRow(
      String replica, String database, Optional<Boolean> failoverReady, Optional<Boolean> joined) {}

  static ReplicaView read(AgSession session, String member, AgSettings settings)
      throws java.sql.SQLException {
    String group = settings.availabilityGroup();
    ZoneOffset zone = settings.serverTimeZone();
    List<Row> replicaRows = session.query(AgQueries.REPLICAS, group);
    String clusterType = replicaRows.isEmpty() ? "" : replicaRows.get(0).upper("cluster_type_desc");
    List<ReplicaRow> replicas =
        replicaRows.stream()
            .map(
                r ->
                    new ReplicaRow(
                        r.text("replica_server_name"),
                        r.upper("availability_mode_desc"),
                        r.upper("failover_mode_desc"),
                        r.upper("secondary_role_allow_connections_desc"),
                        r.bit("is_local"),
                        r.upper("role_desc"),
                        r.upper("operational_state_desc"),
                        r.upper("connected_state_desc"),
                        r.upper("synchronization_health_desc"),
                        r.number("last_connect_error_number")))
            .toList();
    List<DbRow> databases =
        replicas.isEmpty()
            ? List.of()
            : session.query(AgQueries.DATABASES, group).stream()
                .filter(r -> settings.watches(r.text("database_name")))
                .map(
                    r ->
                        new DbRow(
                            r.text("database_name"),
                            r.text("replica_server_name"),
                            r.bit("is_local"),
                            r.bit("is_primary_replica"),
                            r.upper("synchronization_state_desc"),
                            r.upper("synchronization_health_desc"),
                            r.upper("database_state_desc"),
                            r.bit("is_suspended"),
                            r.upper("suspend_reason_desc"),
                            r.lsn("end_of_log_lsn"),
                            r.lsn("last_hardened_lsn"),
                            r.lsn("last_redone_lsn"),
                            r.lsn("last_commit_lsn"),
                            r.time("last_commit_time", zone),
                            r.number("log_send_queue_size"),
                            r.number("redo_queue_size")))
                .toList();
    List<ClusterRow> cluster =
        replicas.isEmpty()
            ? List.of()
            : session.query(AgQueries.CLUSTER_STATES, group).stream()
                .filter(r -> settings.watches(r.text("database_name")))
                .map(
                    r ->
                        new ClusterRow(
                            r.text("replica_server_name"),
                            r.text("database_name"),
                            r.nullableBit("is_failover_ready"),
                            r.nullableBit("is_database_joined")))
                .toList();
    return new ReplicaView(member, clusterType, replicas, databases, cluster);
  }

  /** The view of an answer (for chaining on optional answers). */
  static Optional<ReplicaView> primaryValue(
      io.continuity.connector.support.MemberProber.MemberAnswer<ReplicaView> answer) {
    return answer.value();
  }

  /** True when the group exists on this instance. */
  boolean hasGroup() {
    return !replicas.isEmpty();
  }

  Optional<ReplicaRow> local() {
    return replicas.stream().filter(ReplicaRow::local).findFirst();
  }

  /** This instance's replica name (from its own {@code is_local} row). */
  Optional<String> localName() {
    return local().map(ReplicaRow::name);
  }

  /** {@code PRIMARY}, {@code SECONDARY}, {@code RESOLVING}, or empty when not in the group. */
  String localRole() {
    return local().map(ReplicaRow::role).orElse("");
  }

  boolean isPrimary() {
    return "PRIMARY".equals(localRole());
  }

  boolean isSecondary() {
    return "SECONDARY".equals(localRole());
  }

  Optional<ReplicaRow> replica(String name) {
    return replicas.stream().filter(r -> r.name().equalsIgnoreCase(name)).findFirst();
  }

  /** This instance's own database rows. */
  List<DbRow> localDatabases() {
    return databases.stream().filter(DbRow::local).toList();
  }

  /** Rows about one replica's databases (on a primary: its view of each secondary). */
  List<DbRow> databasesOf(String replica) {
    return databases.stream().filter(d -> d.replica().equalsIgnoreCase(replica)).toList();
  }

  Optional<DbRow> database(String replica, String database) {
    return databasesOf(replica).stream().filter(d -> d.database().equals(database)).findFirst();
  }

  Optional<ClusterRow> clusterState(String replica, String database) {
    return clusterStates.stream()
        .filter(c -> c.replica().equalsIgnoreCase(replica) && c.database().equals(database))
        .findFirst();
  }
}
