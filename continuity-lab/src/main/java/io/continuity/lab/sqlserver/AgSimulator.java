package io.continuity.lab.sqlserver;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
  final Duration recovery;
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
  void propagate() {
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

  boolean online(Replica r) {
    Instant now = Instant.now();
    return r.dbs.values().stream().allMatch(d -> !d.cannotComeOnline && !now.isBefore(d.onlineAt));
  }

  String syncState(Replica r, Db d) {
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

  String dbHealth(Replica r, Db d) {
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

  String replicaHealth(Replica r) {
    long healthy = r.dbs.values().stream().filter(d -> dbHealth(r, d).equals("HEALTHY")).count();
    return healthy == r.dbs.size() ? "HEALTHY" : healthy == 0 ? "NOT_HEALTHY" : "PARTIALLY_HEALTHY";
  }

  static BigInteger flushLsn(long block) {
    // the start of the next log block: "any LSN < the value … is on disk"
    return VLF.add(BigInteger.valueOf(block + 1).multiply(BLOCK));
  }

  static BigInteger realLsn(long block) {
    return VLF.add(BigInteger.valueOf(block).multiply(BLOCK)).add(BigInteger.ONE);
  }

  // ---- the seam ---------------------------------------------------------------------------------

  /**
   * A session on one replica, by its member name; {@code readOnly} is the login's {@code
   * ApplicationIntent=ReadOnly}. A replica that is down or fenced refuses the connection like
   * mssql-jdbc reports it (SQLState 08S01).
   */
  public AgReplicaSession open(String member, boolean readOnly) throws SQLException {
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
      return new AgReplicaSession(this, r, readOnly);
    }
  }

  /** Credentials are checked by the lab's factory; this one is for tests of a wrong password. */
  public String password() {
    return password;
  }
}
