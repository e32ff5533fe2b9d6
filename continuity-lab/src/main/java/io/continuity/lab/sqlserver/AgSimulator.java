package io.continuity.lab.sqlserver;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * An Always On availability group simulator. It answers the SQL Server connector's statements (its
 * {@code AgQueries}: recognised by the catalog views and DMVs they read, columns by the names the
 * documentation gives them) from a state machine written from Microsoft's documentation
 * (MicrosoftDocs/sql-docs, paths in brief §2 and §7). Sessions ({@link #open}) return rows as
 * column-label maps; {@link TdsResponder} puts one replica of it on the wire for mssql-jdbc, the
 * connector's tests also call it through their own seam adapter:
 *
 * <ul>
 *   <li>replicas with a role (PRIMARY/SECONDARY/RESOLVING), an availability mode, readable
 *       secondary setting; the catalog view lists every replica everywhere, the replica-state DMV
 *       only local rows on a secondary (sys-dm-hadr-availability-replica-states);
 *   <li>per database and replica a log of records; LSNs are numeric(25,0) values {@code vlf·10^15 +
 *       block·10^5 + slot}; end_of_log_lsn and last_hardened_lsn are log-block ids padded with
 *       zeroes (flush LSNs), last_redone_lsn/last_commit_lsn real LSNs ("Understanding the LSN
 *       Column Values", sys-dm-hadr-database-replica-states); log_send_queue_size in KB;
 *   <li>synchronization state: NOT SYNCHRONIZING when suspended or disconnected, SYNCHRONIZED when
 *       both replicas are synchronous-commit and the secondary has hardened everything,
 *       SYNCHRONIZING otherwise, REVERTING briefly after HADR RESUME;
 *   <li>FAILOVER only on a secondary whose replica and the primary are SYNCHRONOUS_COMMIT with
 *       every database SYNCHRONIZED, else error 41142; it returns before recovery finishes
 *       (databases RECOVERING, then ONLINE) (perform-a-planned-manual-failover…);
 *   <li>FORCE_FAILOVER_ALLOW_DATA_LOSS on a SECONDARY or RESOLVING replica: with a healthy cluster
 *       and a synchronized target it "actually performs a planned manual failover"; otherwise the
 *       target becomes primary on a new recovery fork, a REVERTING/INITIALIZING database cannot
 *       come online, and every other replica's databases are SUSPEND_FROM_PARTNER
 *       (perform-a-forced-manual-failover…, failover-and-failover-modes…);
 *   <li>ALTER DATABASE … SET HADR RESUME is asynchronous and rolls back log records never committed
 *       on the new primary (resume-an-availability-database…);
 *   <li>a replica that is down, or whose site is fenced by the host action (a file the lab's fence
 *       command creates, standing for a firewall rule), refuses connections like mssql-jdbc does
 *       (SQLState 08S01).
 * </ul>
 *
 * Error numbers other than 41142 for commands on the wrong role are not verified against a real
 * server (brief §2.8 VERIFY): the simulator uses 41190 for them.
 */
public final class AgSimulator {

  /** Error 41142: the target replica cannot become primary (databases not synchronized). */
  public static final int CANNOT_FAILOVER_UNSYNCHRONIZED = 41142;

  /** Error used for commands on a replica in the wrong role (not verified, see above). */
  public static final int REPLICA_NOT_IN_STATE = 41190;

  public static final BigInteger VLF = new BigInteger("37000000000000000");
  public static final BigInteger BLOCK = BigInteger.valueOf(100_000);
  public static final int BLOCK_KB = 4;

  public final String group;
  public final List<String> databases;
  public final Map<String, Replica> replicas = new LinkedHashMap<>();
  private final Path fenceDir;
  private final Duration recovery;
  private final String password;
  private long nextWriteId = 1;
  private long acknowledged;

  /** One availability replica (an instance). */
  public final class Replica {
    public final String name;
    public final String site;
    public final String member;
    public String mode;
    public String role;
    public boolean up = true;
    public boolean linkUp = true;
    public boolean holdBack;
    public String allowConnections = "READ_ONLY";
    public final Map<String, Db> dbs = new LinkedHashMap<>();

    Replica(String name, String site, String member, String mode, String role) {
      this.name = name;
      this.site = site;
      this.member = member;
      this.mode = mode;
      this.role = role;
      for (String d : databases) {
        dbs.put(d, new Db());
      }
    }

    public boolean fenced() {
      return fenceDir != null && Files.exists(fenceDir.resolve("fenced-" + site));
    }

    public boolean connected() {
      Replica p = primary();
      return p != null && (p == this || (up && linkUp && p.up));
    }
  }

  /** One database on one replica: its log, as far as this replica has it. */
  public static final class Db {
    public final List<Rec> log = new ArrayList<>();
    public boolean suspended;
    public String suspendReason;
    public Instant onlineAt = Instant.EPOCH;
    public Instant revertingUntil = Instant.EPOCH;
    public String fork = UUID.randomUUID().toString();
    public boolean cannotComeOnline;

    public long block() {
      return log.isEmpty() ? 0 : log.get(log.size() - 1).block;
    }
  }

  /** One committed transaction: its log block and commit time. */
  public record Rec(long writeId, long block, Instant commit) {}

  public AgSimulator(
      String group, List<String> databases, Path fenceDir, Duration recovery, String password) {
    this.group = group;
    this.databases = List.copyOf(databases);
    this.fenceDir = fenceDir;
    this.recovery = recovery;
    this.password = password;
  }

  public synchronized AgSimulator replica(
      String name, String site, String member, String mode, String role) {
    Replica r = new Replica(name, site, member, mode, role);
    replicas.put(name, r);
    return this;
  }

  public synchronized Replica primary() {
    return replicas.values().stream()
        .filter(r -> r.role.equals("PRIMARY"))
        .findFirst()
        .orElse(null);
  }

  public synchronized Replica named(String name) {
    return replicas.get(name);
  }

  // ---- the lab's hands ------------------------------------------------------------------------

  /**
   * Commits {@code count} transactions in every database on the primary; returns all acknowledged.
   */
  public synchronized long write(int count) {
    Replica p = primary();
    if (count > 0 && (p == null || !p.up || p.fenced() || !online(p))) {
      throw new IllegalStateException("no primary takes writes");
    }
    for (int i = 0; i < count; i++) {
      long id = nextWriteId++;
      Instant now = Instant.now();
      for (Db db : p.dbs.values()) {
        db.log.add(new Rec(id, db.block() + 1, now));
      }
      acknowledged++;
    }
    propagate();
    return acknowledged;
  }

  public synchronized long count(String replica, String database) {
    propagate();
    return replicas.get(replica).dbs.get(database).log.size();
  }

  public synchronized boolean takesWrites(Replica r) {
    propagate();
    return r.role.equals("PRIMARY") && r.up && !r.fenced() && online(r);
  }

  public synchronized void set(Runnable change) {
    change.run();
    propagate();
  }

  // ---- replication ------------------------------------------------------------------------------

  /** Ships the primary's log to every connected, not suspended, not held-back secondary. */
  private void propagate() {
    Replica p = primary();
    if (p == null || !p.up) {
      return;
    }
    Instant now = Instant.now();
    for (Replica r : replicas.values()) {
      if (r == p || !r.connected() || r.holdBack) {
        continue;
      }
      for (String name : databases) {
        Db src = p.dbs.get(name);
        Db dst = r.dbs.get(name);
        if (dst.suspended || now.isBefore(dst.revertingUntil)) {
          continue;
        }
        if (!isPrefix(dst, src)) {
          // a diverged copy cannot receive log: the forced failover suspended it
          dst.suspended = true;
          dst.suspendReason = "SUSPEND_FROM_PARTNER";
          continue;
        }
        for (int i = dst.log.size(); i < src.log.size(); i++) {
          dst.log.add(src.log.get(i));
        }
        dst.fork = src.fork;
      }
    }
  }

  private static boolean isPrefix(Db shorter, Db longer) {
    if (shorter.log.size() > longer.log.size()) {
      return false;
    }
    int n = shorter.log.size();
    return n == 0 || shorter.log.get(n - 1).equals(longer.log.get(n - 1));
  }

  private boolean online(Replica r) {
    Instant now = Instant.now();
    return r.dbs.values().stream().allMatch(d -> !d.cannotComeOnline && !now.isBefore(d.onlineAt));
  }

  private String syncState(Replica r, Db d) {
    Replica p = primary();
    if (r == p) {
      boolean any =
          replicas.values().stream()
              .filter(x -> x != p)
              .anyMatch(x -> "SYNCHRONIZED".equals(syncState(x, x.dbs.get(nameOf(r, d)))));
      return any ? "SYNCHRONIZED" : "SYNCHRONIZING";
    }
    if (Instant.now().isBefore(d.revertingUntil)) {
      return "REVERTING";
    }
    if (d.suspended || !r.connected()) {
      return "NOT SYNCHRONIZING";
    }
    Db src = p.dbs.get(nameOf(r, d));
    boolean caughtUp = d.log.size() == src.log.size() && isPrefix(d, src);
    if (caughtUp && r.mode.equals("SYNCHRONOUS_COMMIT") && p.mode.equals("SYNCHRONOUS_COMMIT")) {
      return "SYNCHRONIZED";
    }
    return "SYNCHRONIZING";
  }

  private static String nameOf(Replica r, Db d) {
    return r.dbs.entrySet().stream()
        .filter(e -> e.getValue() == d)
        .findFirst()
        .orElseThrow()
        .getKey();
  }

  private String dbHealth(Replica r, Db d) {
    if (r == primary()) {
      return online(r) ? "HEALTHY" : "NOT_HEALTHY";
    }
    String s = syncState(r, d);
    boolean sync =
        r.mode.equals("SYNCHRONOUS_COMMIT") && primary().mode.equals("SYNCHRONOUS_COMMIT");
    return (sync && s.equals("SYNCHRONIZED")) || (!sync && s.equals("SYNCHRONIZING"))
        ? "HEALTHY"
        : "NOT_HEALTHY";
  }

  private String replicaHealth(Replica r) {
    long healthy = r.dbs.values().stream().filter(d -> dbHealth(r, d).equals("HEALTHY")).count();
    return healthy == r.dbs.size() ? "HEALTHY" : healthy == 0 ? "NOT_HEALTHY" : "PARTIALLY_HEALTHY";
  }

  private static BigInteger flushLsn(long block) {
    // the start of the next log block: "any LSN < the value … is on disk"
    return VLF.add(BigInteger.valueOf(block + 1).multiply(BLOCK));
  }

  private static BigInteger realLsn(long block) {
    return VLF.add(BigInteger.valueOf(block).multiply(BLOCK)).add(BigInteger.ONE);
  }

  // ---- the seam ---------------------------------------------------------------------------------

  /**
   * A session on one replica, by its member name; {@code readOnly} is the login's {@code
   * ApplicationIntent=ReadOnly}. A replica that is down or fenced refuses the connection like
   * mssql-jdbc reports it (SQLState 08S01).
   */
  public Session open(String member, boolean readOnly) throws SQLException {
    synchronized (this) {
      Replica r =
          replicas.values().stream()
              .filter(x -> x.member.equals(member))
              .findFirst()
              .orElseThrow(() -> new SQLException("no such host " + member, "08S01", 0));
      if (!r.up || r.fenced()) {
        throw new SQLException(
            "The TCP/IP connection to the host "
                + member
                + " has failed. Error: \"Connection refused.\"",
            "08S01",
            0);
      }
      return new Session(r, readOnly);
    }
  }

  /** Credentials are checked by the lab's factory; this one is for tests of a wrong password. */
  public String password() {
    return password;
  }

  /** One connection to one replica: every row is a map by column label. */
  public final class Session implements AutoCloseable {
    private final Replica local;
    private final boolean readOnly;

    Session(Replica local, boolean readOnly) {
      this.local = local;
      this.readOnly = readOnly;
    }

    /** Runs one of the connector's queries; positional parameters ({@code ?}). */
    public List<Map<String, Object>> query(String sql, Object... parameters) throws SQLException {
      synchronized (AgSimulator.this) {
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
      synchronized (AgSimulator.this) {
        alive();
        propagate();
        String g = Pattern.quote("[" + group.replace("]", "]]") + "]");
        if (sql.matches("ALTER AVAILABILITY GROUP " + g + " FAILOVER")) {
          failover(false);
        } else if (sql.matches(
            "ALTER AVAILABILITY GROUP " + g + " FORCE_FAILOVER_ALLOW_DATA_LOSS")) {
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
  }
}
