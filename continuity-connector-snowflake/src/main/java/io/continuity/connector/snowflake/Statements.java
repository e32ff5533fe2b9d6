package io.continuity.connector.snowflake;

/**
 * Every SQL text the connector sends, in one place (brief §3.2, §3.4, §3.5). One statement per
 * request, no {@code USE} (the SQL API refuses it): context goes in the request body, and the
 * Information Schema function is named fully qualified. Timestamps are selected as epoch
 * microseconds so nothing depends on how the SQL API prints TIMESTAMP_LTZ.
 */
final class Statements {

  private Statements() {}

  /** [doc] sql-reference/sql/show-failover-groups: needs no running warehouse. */
  static final String SHOW_FAILOVER_GROUPS = "SHOW FAILOVER GROUPS";

  /** The account's own clock, the only "now" lag and markers are computed from. */
  static final String NOW_US = "SELECT DATE_PART(EPOCH_MICROSECOND, CURRENT_TIMESTAMP()) AS NOW_US";

  /**
   * [doc] sql-reference/functions/replication_group_refresh_history: run in the target account,
   * last 12 hours by default; a running refresh shows its current phase with END_TIME NULL.
   */
  static String refreshHistory(String database, String group) {
    return "SELECT PHASE_NAME, JOB_UUID,"
        + " DATE_PART(EPOCH_MICROSECOND, START_TIME) AS START_US,"
        + " DATE_PART(EPOCH_MICROSECOND, END_TIME) AS END_US,"
        + " DATE_PART(EPOCH_MICROSECOND, PRIMARY_SNAPSHOT_TIMESTAMP) AS SNAPSHOT_US, ERROR"
        + " FROM TABLE("
        + database
        + ".INFORMATION_SCHEMA.REPLICATION_GROUP_REFRESH_HISTORY('"
        + group
        + "')) ORDER BY START_TIME DESC LIMIT 20";
  }

  /** [doc] sql-reference/sql/alter-failover-group: refresh a secondary from its primary. */
  static String refresh(String group) {
    return "ALTER FAILOVER GROUP " + group + " REFRESH";
  }

  /** [doc] user-guide/account-replication-failover-failback: promote a secondary. */
  static String primary(String group) {
    return "ALTER FAILOVER GROUP " + group + " PRIMARY";
  }

  /** Suspend the schedule and cancel an in-flight refresh ([doc] bcr-bundles/2026_01/bcr-2202). */
  static String suspendImmediate(String group) {
    return "ALTER FAILOVER GROUP " + group + " SUSPEND IMMEDIATE";
  }

  /** Resume scheduled refreshes: "must be executed in each target account" after a failover. */
  static String resume(String group) {
    return "ALTER FAILOVER GROUP " + group + " RESUME";
  }

  /**
   * Client Redirect ([doc] user-guide/client-redirect): the connection objects of the organization
   * with which account serves each as primary ({@code is_primary}, lower-case columns).
   */
  static final String SHOW_CONNECTIONS = "SHOW CONNECTIONS";

  /** Client Redirect: make this account's connection the primary, run in the target account. */
  static String connectionPrimary(String connection) {
    return "ALTER CONNECTION " + connection + " PRIMARY";
  }

  /** The drill's default read on the secondary: the replicated database's schemas. */
  static String showSchemas(String database) {
    return "SHOW SCHEMAS IN DATABASE " + database;
  }
}
