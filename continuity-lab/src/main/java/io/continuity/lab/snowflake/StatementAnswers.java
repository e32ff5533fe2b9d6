package io.continuity.lab.snowflake;

import io.continuity.connector.support.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL statements one {@link FakeAccount} answers (failover groups, connections, refresh
 * history, users, schemas) and their errors; the HTTP side of the SQL API stays in {@link
 * FakeAccount}, the failover-group state of the organization in {@link FakeSnowflake}.
 */
final class StatementAnswers {

  private static final Pattern ALTER_GROUP =
      Pattern.compile(
          "ALTER FAILOVER GROUP (\\w+) (REFRESH|PRIMARY|SUSPEND IMMEDIATE|SUSPEND|RESUME)");
  private static final Pattern ALTER_USER =
      Pattern.compile("ALTER USER (\\w+) SET DISABLED = (TRUE|FALSE)");
  private static final Pattern HISTORY =
      Pattern.compile(
          "SELECT PHASE_NAME, JOB_UUID, .* FROM TABLE\\((?:(\\w+)\\.)?INFORMATION_SCHEMA"
              + "\\.REPLICATION_GROUP_REFRESH_HISTORY\\('(\\w+)'\\)\\) ORDER BY START_TIME DESC"
              + " LIMIT (\\d+)");
  private static final Pattern ALTER_CONNECTION =
      Pattern.compile("ALTER CONNECTION (\\w+) PRIMARY");
  private static final Pattern SHOW_SCHEMAS = Pattern.compile("SHOW SCHEMAS IN DATABASE (\\w+)");

  private final FakeAccount account;

  StatementAnswers(FakeAccount account) {
    this.account = account;
  }

  Stmt execute(String text, Map<String, Object> body) {
    Stmt stmt = new Stmt(text);
    account.executed.add(text);
    String sql = text.replaceAll("\\s+", " ").trim();
    String upper = sql.toUpperCase(Locale.ROOT);
    if (upper.startsWith("USE ")) {
      // [3p] noetl/tools wiki: 391911 for USE, which the SQL API does not support
      stmt.failure =
          Stmt.error("391911", "0A000", "USE is not supported by the SQL API", stmt.handle);
      return stmt;
    }
    synchronized (account.org) {
      if (upper.equals("SHOW FAILOVER GROUPS")) {
        showFailoverGroups(stmt);
      } else if (upper.equals(
          "SELECT DATE_PART(EPOCH_MICROSECOND, CURRENT_TIMESTAMP()) AS NOW_US")) {
        stmt.columns = List.of("NOW_US");
        stmt.rows = List.of(List.of(Long.toString(account.org.nowMicros())));
      } else if (HISTORY.matcher(upper).matches()) {
        history(stmt, HISTORY.matcher(upper), body);
      } else if (ALTER_GROUP.matcher(upper).matches()) {
        Matcher m = ALTER_GROUP.matcher(upper);
        m.matches();
        alterGroup(stmt, m.group(1), m.group(2));
      } else if (ALTER_USER.matcher(upper).matches()) {
        Matcher m = ALTER_USER.matcher(upper);
        m.matches();
        if (m.group(2).equals("TRUE")) {
          account.disabledUsers.add(m.group(1));
        } else {
          account.disabledUsers.remove(m.group(1));
        }
      } else if (upper.equals("SHOW CONNECTIONS")) {
        showConnections(stmt);
      } else if (ALTER_CONNECTION.matcher(upper).matches()) {
        Matcher m = ALTER_CONNECTION.matcher(upper);
        m.matches();
        if (!m.group(1).equals(account.org.connection)) {
          stmt.failure = Stmt.notExists("Connection '" + m.group(1) + "'", stmt);
        } else {
          account.org.connectionPrimary = account.name;
        }
      } else if (SHOW_SCHEMAS.matcher(upper).matches()) {
        Matcher m = SHOW_SCHEMAS.matcher(upper);
        m.matches();
        if (!m.group(1).equals(account.org.database)) {
          stmt.failure = Stmt.notExists("Database '" + m.group(1) + "'", stmt);
        } else {
          stmt.columns = List.of("created_on", "name", "database_name");
          stmt.rows =
              List.of(
                  List.of(
                      "2026-01-01 00:00:00.000 +0000", "INFORMATION_SCHEMA", account.org.database),
                  List.of("2026-01-01 00:00:00.000 +0000", "PUBLIC", account.org.database));
        }
      } else {
        stmt.failure =
            Stmt.error(
                "001003",
                "42000",
                "SQL compilation error:\nsyntax error line 1 at position 0 unexpected '"
                    + sql.split(" ")[0]
                    + "'.",
                stmt.handle);
      }
    }
    return stmt;
  }

  /**
   * [doc] sql-reference/sql/show-failover-groups: "Lists the primary and secondary failover groups
   * in your account, as well as the failover groups in other accounts that are associated with your
   * account" — one row per account, lower-case columns.
   */
  private void showFailoverGroups(Stmt stmt) {
    stmt.columns =
        List.of(
            "region_group",
            "snowflake_region",
            "created_on",
            "account_name",
            "name",
            "type",
            "comment",
            "is_primary",
            "primary",
            "object_types",
            "allowed_integration_types",
            "allowed_accounts",
            "organization_name",
            "account_locator",
            "replication_schedule",
            "secondary_state",
            "next_scheduled_refresh",
            "owner",
            "is_listing_auto_fulfillment_group");
    List<List<String>> rows = new ArrayList<>();
    String primary = FakeSnowflake.ORG + "." + account.org.primaryAccount + "." + account.org.group;
    Set<String> allowed = new LinkedHashSet<>();
    account.org.accounts.keySet().forEach(a -> allowed.add(FakeSnowflake.ORG + "." + a));
    for (FakeAccount a : account.org.accounts.values()) {
      boolean isPrimary = account.org.isPrimary(a);
      List<String> row = new ArrayList<>();
      row.add("");
      row.add("AWS_EU_WEST_1");
      row.add("2026-01-01 00:00:00.000 +0000");
      row.add(a.name);
      row.add(account.org.group);
      row.add("FAILOVER");
      row.add(null);
      row.add(Boolean.toString(isPrimary));
      row.add(primary);
      row.add("DATABASES");
      row.add("");
      row.add(String.join(",", allowed));
      row.add(FakeSnowflake.ORG);
      row.add("LOC" + a.name);
      row.add(
          account.org.scheduleInterval == null
              ? ""
              : account.org.scheduleInterval.toMinutes() + " MINUTE");
      row.add(isPrimary ? null : a.secondaryState);
      row.add(null);
      row.add("ACCOUNTADMIN");
      row.add("false");
      rows.add(row);
    }
    stmt.rows = rows;
  }

  /** [doc] sql-reference/sql/show-connections (Client Redirect): one row per account's replica. */
  private void showConnections(Stmt stmt) {
    stmt.columns =
        List.of(
            "snowflake_region",
            "created_on",
            "account_name",
            "name",
            "comment",
            "is_primary",
            "primary",
            "failover_allowed_to_accounts",
            "connection_url",
            "organization_name",
            "account_locator");
    List<List<String>> rows = new ArrayList<>();
    for (FakeAccount a : account.org.accounts.values()) {
      List<String> row = new ArrayList<>();
      row.add("AWS_EU_WEST_1");
      row.add("2026-01-01 00:00:00.000 +0000");
      row.add(a.name);
      row.add(account.org.connection);
      row.add(null);
      row.add(Boolean.toString(a.name.equals(account.org.connectionPrimary)));
      row.add(
          FakeSnowflake.ORG + "." + account.org.connectionPrimary + "." + account.org.connection);
      row.add("");
      row.add("myorg-app_conn.snowflakecomputing.com");
      row.add(FakeSnowflake.ORG);
      row.add("LOC" + a.name);
      rows.add(row);
    }
    stmt.rows = rows;
  }

  /**
   * [doc] sql-reference/functions/replication_group_refresh_history: an Information Schema function
   * needs a database in use or a qualified name (else 090105, "does not have a current database").
   */
  private void history(Stmt stmt, Matcher m, Map<String, Object> body) {
    m.matches();
    String db = m.group(1) != null ? m.group(1) : (String) body.get("database");
    if (db == null) {
      stmt.failure =
          Stmt.error(
              "090105",
              "22000",
              "Cannot perform SELECT. This session does not have a current database. Call 'USE"
                  + " DATABASE', or use a qualified name.",
              stmt.handle);
      return;
    }
    if (!m.group(2).equals(account.org.group)) {
      stmt.failure = Stmt.notExists("Replication group '" + m.group(2) + "'", stmt);
      return;
    }
    int limit = Integer.parseInt(m.group(3));
    stmt.columns = List.of("PHASE_NAME", "JOB_UUID", "START_US", "END_US", "SNAPSHOT_US", "ERROR");
    List<List<String>> rows = new ArrayList<>();
    for (FakeSnowflake.Job job : account.history) {
      if (rows.size() >= limit) {
        break;
      }
      List<String> row = new ArrayList<>();
      row.add(job.phaseName());
      row.add(job.uuid);
      row.add(Long.toString(job.start));
      row.add(job.end == null ? null : Long.toString(job.end));
      row.add(job.snapshot == null ? null : Long.toString(job.snapshot));
      row.add(job.error == null ? null : Json.write(Map.of("message", job.error)));
      rows.add(row);
    }
    stmt.rows = rows;
  }

  private void alterGroup(Stmt stmt, String group, String action) {
    if (!group.equals(account.org.group)) {
      stmt.failure = Stmt.notExists("Failover group '" + group + "'", stmt);
      return;
    }
    boolean primary = account.org.isPrimary(account);
    FakeSnowflake.Job running = account.org.running(account);
    switch (action) {
      case "REFRESH" -> {
        if (primary) {
          stmt.failure =
              Stmt.refused(
                  "the failover group is primary in this account: nothing to refresh", stmt);
        } else if (running != null) {
          stmt.failure =
              Stmt.refused(
                  "a refresh of " + group + " is already in progress (" + running.uuid + ")", stmt);
        } else {
          stmt.job = account.org.startRefresh(account);
          stmt.columns = List.of("status");
          stmt.rows = List.of(List.of("Refresh " + stmt.job.uuid + " completed."));
        }
      }
      case "PRIMARY" -> {
        if (primary) {
          stmt.failure =
              Stmt.refused("the failover group is already primary in this account", stmt);
        } else if (running != null) {
          stmt.failure =
              Stmt.refused(
                  "a refresh is in progress (" + running.uuid + "): suspend it first", stmt);
        } else {
          account.org.promote(account);
        }
      }
      case "SUSPEND", "SUSPEND IMMEDIATE" -> {
        if (primary) {
          stmt.failure = Stmt.refused("SUSPEND applies to a secondary failover group", stmt);
        } else {
          account.secondaryState = "SUSPENDED";
          if (action.endsWith("IMMEDIATE") && running != null) {
            account.org.cancel(running);
          }
        }
      }
      case "RESUME" -> {
        if (primary) {
          stmt.failure = Stmt.refused("RESUME applies to a secondary failover group", stmt);
        } else {
          account.secondaryState = "STARTED";
        }
      }
      default -> throw new IllegalStateException(action);
    }
  }
}
