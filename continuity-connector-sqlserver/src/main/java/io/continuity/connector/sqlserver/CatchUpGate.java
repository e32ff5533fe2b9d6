package io.continuity.connector.sqlserver;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The zero-loss gate of a planned failover ([doc] perform-a-planned-manual-failover…: "supported
 * only when the primary replica and the target secondary replica are running in synchronous-commit
 * mode and are currently synchronized"; check is_failover_ready), plus the proof the evidence
 * needs: the target's hardened flush LSN has reached the primary's end_of_log_lsn in every
 * database.
 */
final class CatchUpGate {

  /** What the gate saw: passed, or why not; the database with the smallest margin. */
  record Verdict(
      boolean passed,
      List<String> problems,
      Optional<String> database,
      Optional<BigInteger> reached,
      Optional<BigInteger> primaryEnd,
      List<String> perDatabase) {

    Verdict(
        boolean passed,
        List<String> problems,
        Optional<String> database,
        Optional<BigInteger> reached,
        Optional<BigInteger> primaryEnd) {
      this(passed, problems, database, reached, primaryEnd, List.of());
    }
  }

  private CatchUpGate() {}

  static Verdict check(ReplicaView primary, ReplicaView target) {
    List<String> problems = new ArrayList<>();
    if (!primary.isPrimary()) {
      problems.add(primary.member() + " is no longer PRIMARY (" + primary.localRole() + ")");
    }
    if (!target.isSecondary()) {
      problems.add(target.member() + " is not SECONDARY (" + target.localRole() + ")");
    }
    String targetReplica = target.localName().orElse("?");
    String primaryReplica = primary.localName().orElse("?");
    for (String replica : List.of(primaryReplica, targetReplica)) {
      String mode =
          primary.replica(replica).map(ReplicaView.ReplicaRow::availabilityMode).orElse("?");
      if (!"SYNCHRONOUS_COMMIT".equals(mode)) {
        problems.add("replica " + replica + " is " + mode + ", not SYNCHRONOUS_COMMIT");
      }
    }
    String worstDb = null;
    BigInteger worstMargin = null;
    BigInteger worstReached = null;
    BigInteger worstEnd = null;
    List<String> perDatabase = new ArrayList<>();
    List<ReplicaView.DbRow> primaryDbs = primary.localDatabases();
    if (primaryDbs.isEmpty()) {
      problems.add("the primary reports no database of the group");
    }
    for (ReplicaView.DbRow p : primaryDbs) {
      String db = p.database();
      Optional<ReplicaView.DbRow> t =
          target.localDatabases().stream().filter(d -> d.database().equals(db)).findFirst();
      if (t.isEmpty()) {
        problems.add("database " + db + " is not joined on " + targetReplica);
        continue;
      }
      if (!"SYNCHRONIZED".equals(t.get().synchronizationState())) {
        problems.add(
            "database " + db + " on " + targetReplica + " is " + t.get().synchronizationState());
      }
      if (t.get().suspended()) {
        problems.add(
            "database "
                + db
                + " on "
                + targetReplica
                + " is suspended ("
                + t.get().suspendReason()
                + ")");
      }
      Optional<Boolean> ready =
          target.clusterState(targetReplica, db).flatMap(ReplicaView.ClusterRow::failoverReady);
      if (!ready.orElse(false)) {
        problems.add(
            "database "
                + db
                + " on "
                + targetReplica
                + " is not failover ready (is_failover_ready = "
                + ready.map(b -> b ? "1" : "0").orElse("NULL")
                + ")");
      }
      Optional<BigInteger> own = t.get().lastHardenedLsn();
      Optional<BigInteger> seen =
          primary.database(targetReplica, db).flatMap(ReplicaView.DbRow::lastHardenedLsn);
      Optional<BigInteger> hardened =
          own.isPresent() && seen.isPresent()
              ? Optional.of(own.get().max(seen.get()))
              : own.or(() -> seen);
      Optional<BigInteger> end = p.endOfLogLsn();
      if (hardened.isEmpty() || end.isEmpty()) {
        problems.add("database " + db + ": no hardened or end-of-log LSN to compare");
        continue;
      }
      BigInteger margin = hardened.get().subtract(end.get());
      perDatabase.add(db + " hardened " + hardened.get() + " / primary end of log " + end.get());
      if (margin.signum() < 0) {
        problems.add(
            "database "
                + db
                + ": target hardened "
                + hardened.get()
                + " < primary end_of_log "
                + end.get());
      }
      if (worstMargin == null || margin.compareTo(worstMargin) < 0) {
        worstMargin = margin;
        worstDb = db;
        worstReached = hardened.get();
        worstEnd = end.get();
      }
    }
    return new Verdict(
        problems.isEmpty(),
        problems,
        Optional.ofNullable(worstDb),
        Optional.ofNullable(worstReached),
        Optional.ofNullable(worstEnd),
        perDatabase);
  }
}
