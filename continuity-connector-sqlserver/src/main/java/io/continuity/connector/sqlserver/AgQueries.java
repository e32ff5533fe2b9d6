package io.continuity.connector.sqlserver;

/**
 * Every statement the connector sends, in one place, so the test simulator answers exactly these
 * strings and a reviewer can check each column against Microsoft's documentation (brief §2.2):
 *
 * <ul>
 *   <li>{@code sys.availability_groups}, {@code sys.availability_replicas} (catalog views: every
 *       replica, on every replica) joined to {@code sys.dm_hadr_availability_replica_states} ("on a
 *       secondary this view returns only local information": remote columns are NULL);
 *   <li>{@code sys.dm_hadr_database_replica_states}: on the primary one row per primary database
 *       and per secondary database, on a secondary only local rows; {@code end_of_log_lsn} and
 *       {@code last_hardened_lsn} are log-block ids (flush LSNs), only {@code last_redone_lsn} is a
 *       real LSN; {@code log_send_queue_size} is in KB;
 *   <li>{@code sys.dm_hadr_database_replica_cluster_states}: {@code is_failover_ready} per database
 *       per replica, as the cluster (WSFC) records it.
 * </ul>
 *
 * Identifiers in ALTER statements cannot be parameters: they are quoted with {@link #quoteName}
 * (T-SQL {@code QUOTENAME} rules: brackets, {@code ]} doubled) and {@link #unicodeLiteral}.
 */
final class AgQueries {

  private AgQueries() {}

  /** Replicas of the group with this instance's view of their state; parameter: AG name. */
  static final String REPLICAS =
      "SELECT ag.name AS ag_name, ag.cluster_type_desc, ar.replica_id, ar.replica_server_name,"
          + " ar.availability_mode_desc, ar.failover_mode_desc,"
          + " ar.secondary_role_allow_connections_desc, ars.is_local, ars.role_desc,"
          + " ars.operational_state_desc, ars.connected_state_desc,"
          + " ars.synchronization_health_desc, ars.last_connect_error_number"
          + " FROM sys.availability_groups ag"
          + " JOIN sys.availability_replicas ar ON ar.group_id = ag.group_id"
          + " LEFT JOIN sys.dm_hadr_availability_replica_states ars"
          + " ON ars.replica_id = ar.replica_id"
          + " WHERE ag.name = ?";

  /** Database replica states this instance can see; parameter: AG name. */
  static final String DATABASES =
      "SELECT DB_NAME(drs.database_id) AS database_name, ar.replica_server_name, drs.is_local,"
          + " drs.is_primary_replica, drs.synchronization_state_desc,"
          + " drs.synchronization_health_desc, drs.database_state_desc, drs.is_suspended,"
          + " drs.suspend_reason_desc, drs.end_of_log_lsn, drs.last_hardened_lsn,"
          + " drs.last_redone_lsn, drs.last_commit_lsn, drs.last_commit_time,"
          + " drs.log_send_queue_size, drs.redo_queue_size"
          + " FROM sys.dm_hadr_database_replica_states drs"
          + " JOIN sys.availability_groups ag ON ag.group_id = drs.group_id"
          + " JOIN sys.availability_replicas ar ON ar.replica_id = drs.replica_id"
          + " WHERE ag.name = ?";

  /** The cluster's failover readiness of every database on every replica; parameter: AG name. */
  static final String CLUSTER_STATES =
      "SELECT ar.replica_server_name, drcs.database_name, drcs.is_failover_ready,"
          + " drcs.is_database_joined, drcs.is_pending_secondary_suspend"
          + " FROM sys.dm_hadr_database_replica_cluster_states drcs"
          + " JOIN sys.availability_replicas ar ON ar.replica_id = drcs.replica_id"
          + " JOIN sys.availability_groups ag ON ag.group_id = ar.group_id"
          + " WHERE ag.name = ?";

  /** Whether a database answers and takes writes here; parameter: database name. */
  static final String DATABASE_UPDATEABILITY =
      "SELECT d.name, d.state_desc, CAST(DATABASEPROPERTYEX(d.name, 'Updateability')"
          + " AS nvarchar(128)) AS updateability FROM sys.databases d WHERE d.name = ?";

  /** Planned manual failover, run on the target secondary (no data loss when synchronized). */
  static String failover(String group) {
    return "ALTER AVAILABILITY GROUP " + quoteName(group) + " FAILOVER";
  }

  /** Forced manual failover, run on the target secondary (possible data loss). */
  static String forceFailover(String group) {
    return "ALTER AVAILABILITY GROUP " + quoteName(group) + " FORCE_FAILOVER_ALLOW_DATA_LOSS";
  }

  /** Changes one replica's availability mode, run on the primary. */
  static String setAvailabilityMode(String group, String replica, String mode) {
    if (!mode.equals("SYNCHRONOUS_COMMIT") && !mode.equals("ASYNCHRONOUS_COMMIT")) {
      throw new IllegalArgumentException("not an availability mode: " + mode);
    }
    return "ALTER AVAILABILITY GROUP "
        + quoteName(group)
        + " MODIFY REPLICA ON "
        + unicodeLiteral(replica)
        + " WITH (AVAILABILITY_MODE = "
        + mode
        + ")";
  }

  /** Resumes data movement of a suspended database, run on the replica that hosts it. */
  static String resume(String database) {
    return "ALTER DATABASE " + quoteName(database) + " SET HADR RESUME";
  }

  /** T-SQL QUOTENAME: {@code [name]} with every {@code ]} doubled. */
  static String quoteName(String identifier) {
    if (identifier.isEmpty() || identifier.length() > 128) {
      throw new IllegalArgumentException("not a SQL Server identifier: '" + identifier + "'");
    }
    return "[" + identifier.replace("]", "]]") + "]";
  }

  /** {@code N'text'} with every {@code '} doubled. */
  static String unicodeLiteral(String text) {
    return "N'" + text.replace("'", "''") + "'";
  }
}
