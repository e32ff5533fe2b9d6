package io.continuity.connector.sqlserver;

import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.LossEvidence;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.support.Deadline;
import io.continuity.connector.support.MemberProber.MemberAnswer;
import java.math.BigInteger;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The planned failover (brief §2.4, [doc] perform-a-planned-manual-failover-of-an-availability-
 * group-sql-server.md): check, make both replicas synchronous, wait until synchronized, FAILOVER on
 * the target, restore the commit modes, check writes and roles. Also the shared postchecks.
 */
final class PlannedSteps {

  private static final Duration POLL = Duration.ofMillis(50);
  private static final Duration PROMOTE_GATE_WAIT = Duration.ofSeconds(10);

  private final StepSupport support;

  PlannedSteps(StepSupport support) {
    this.support = support;
  }

  StepResult precheckReplication(StepContext context, Duration timeout) throws ConnectorException {
    StepSupport.Sites sites = support.sites(context.plan());
    AgTopology topology = support.observe(timeout);
    Map<String, String> facts = new LinkedHashMap<>();
    Optional<MemberAnswer<ReplicaView>> primary = topology.primary();
    if (primary.isEmpty()) {
      return support.failed(
          "precheck failed: no single replica answers as PRIMARY ("
              + topology.primaries().size()
              + " do); "
              + describe(topology),
          facts);
    }
    if (!primary.get().site().name().equals(sites.source().name())) {
      return support.failed(
          "precheck failed: the primary is "
              + primary.get().member().name()
              + " in "
              + primary.get().site().name()
              + ", not in "
              + sites.source().name(),
          facts);
    }
    ReplicaView p = primary.get().value().orElseThrow();
    if (!p.clusterType().isEmpty()
        && !p.clusterType().equals(support.settings.clusterType().name())) {
      return support.failed(
          "precheck failed: the group's cluster type is "
              + p.clusterType()
              + " but 'clusterType' says "
              + support.settings.clusterType(),
          facts);
    }
    Optional<MemberAnswer<ReplicaView>> target = topology.target(sites.target().name());
    if (target.isEmpty()) {
      return support.failed(
          "precheck failed: no replica of "
              + sites.target().name()
              + " answers as SECONDARY; "
              + describe(topology),
          facts);
    }
    ReplicaView t = target.get().value().orElseThrow();
    String targetReplica = t.localName().orElseThrow();
    List<String> problems = new ArrayList<>();
    p.replica(targetReplica)
        .filter(r -> !"CONNECTED".equals(r.connectedState()))
        .ifPresent(r -> problems.add(targetReplica + " is " + r.connectedState()));
    for (ReplicaView.DbRow pdb : p.localDatabases()) {
      Optional<ReplicaView.DbRow> d =
          t.localDatabases().stream().filter(x -> x.database().equals(pdb.database())).findFirst();
      if (d.isEmpty()) {
        problems.add("database " + pdb.database() + " is not joined on " + targetReplica);
        continue;
      }
      if (d.get().suspended()) {
        problems.add(
            "database " + pdb.database() + " is suspended (" + d.get().suspendReason() + ")");
      }
      String state = d.get().synchronizationState();
      if (!state.equals("SYNCHRONIZING") && !state.equals("SYNCHRONIZED")) {
        problems.add("database " + pdb.database() + " is " + state);
      }
    }
    facts.put(Facts.SOURCE_MEMBER, primary.get().member().name());
    facts.put(Facts.SOURCE_REPLICA, p.localName().orElseThrow());
    facts.put(Facts.TARGET_MEMBER, target.get().member().name());
    facts.put(Facts.TARGET_REPLICA, targetReplica);
    facts.put(Facts.ORIGINAL_MODE_SOURCE, mode(p, p.localName().orElseThrow()));
    facts.put(Facts.ORIGINAL_MODE_TARGET, mode(p, targetReplica));
    if (!problems.isEmpty()) {
      return support.failed("precheck failed on " + targetReplica + ": " + problems, facts);
    }
    return support.succeeded(
        "primary "
            + facts.get(Facts.SOURCE_REPLICA)
            + " ("
            + facts.get(Facts.ORIGINAL_MODE_SOURCE)
            + "), target "
            + targetReplica
            + " ("
            + facts.get(Facts.ORIGINAL_MODE_TARGET)
            + ") CONNECTED with "
            + t.localDatabases().size()
            + " database(s) synchronizing",
        facts);
  }

  StepResult setSynchronousCommit(StepContext context, Duration timeout) throws ConnectorException {
    String sourceMember = support.fact(context, Facts.SOURCE_MEMBER);
    List<String> replicas =
        List.of(
            support.fact(context, Facts.SOURCE_REPLICA),
            support.fact(context, Facts.TARGET_REPLICA));
    List<String> changed = new ArrayList<>();
    try (AgSession s = support.open(sourceMember, AgSessions.Intent.READ_WRITE, timeout)) {
      ReplicaView p = ReplicaView.read(s, sourceMember, support.settings);
      if (!p.isPrimary()) {
        return support.failed(sourceMember + " is no longer PRIMARY: nothing changed", Map.of());
      }
      for (String replica : replicas) {
        if (!"SYNCHRONOUS_COMMIT".equals(mode(p, replica))) {
          s.execute(
              AgQueries.setAvailabilityMode(
                  support.settings.availabilityGroup(), replica, "SYNCHRONOUS_COMMIT"));
          changed.add(replica);
        }
      }
    } catch (SQLException e) {
      throw failure("set synchronous commit", e);
    }
    return support.succeeded(
        changed.isEmpty()
            ? "both replicas already SYNCHRONOUS_COMMIT"
            : "set SYNCHRONOUS_COMMIT on " + changed,
        Map.of());
  }

  StepResult waitForCatchUp(StepContext context, Duration timeout) throws ConnectorException {
    String sourceMember = support.fact(context, Facts.SOURCE_MEMBER);
    String targetMember = support.fact(context, Facts.TARGET_MEMBER);
    // wait at most catchUpTimeout, leaving time in the step to undo the mode change
    Deadline deadline =
        Deadline.in(StepSupport.min(support.settings.catchUpTimeout(), margin(timeout, 5)));
    GatePoll gate = pollGate(sourceMember, targetMember, deadline);
    if (gate.passed().isEmpty()) {
      String undo = restoreModes(context, timeout);
      return support.failed(
          "the target did not catch up within the step's time: "
              + gate.lastProblems()
              + "\n"
              + undo,
          Map.of());
    }
    CatchUpGate.Verdict v = gate.passed().get();
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put(Facts.CAUGHT_UP_DATABASE, v.database().orElseThrow());
    facts.put(Facts.CAUGHT_UP_REACHED, v.reached().orElseThrow().toString());
    facts.put(Facts.CAUGHT_UP_FINAL, v.primaryEnd().orElseThrow().toString());
    return support
        .succeeded(
            "every database SYNCHRONIZED and failover ready; "
                + v.database().get()
                + " hardened "
                + v.reached().get()
                + " ≥ primary end_of_log "
                + v.primaryEnd().get(),
            facts)
        .withMarker(Markers.of(v.database().get(), v.reached().get()));
  }

  /**
   * Re-checks the gate and runs FAILOVER on the target. A target that is already primary (an
   * earlier attempt of this step) is accepted, its evidence from the catch-up facts.
   */
  StepResult promote(StepContext context, Duration timeout) throws ConnectorException {
    String sourceMember = support.fact(context, Facts.SOURCE_MEMBER);
    String targetMember = support.fact(context, Facts.TARGET_MEMBER);
    ReplicaView target = support.view(targetMember, timeout);
    if (target.isPrimary()) {
      return support
          .succeeded(targetMember + " is already PRIMARY (an earlier attempt)", Map.of())
          .withLoss(priorEvidence(context));
    }
    Deadline gateDeadline = Deadline.in(StepSupport.min(PROMOTE_GATE_WAIT, timeout));
    GatePoll gate = pollGate(sourceMember, targetMember, gateDeadline);
    if (gate.passed().isEmpty()) {
      String undo = restoreModes(context, timeout);
      return support.failed(
          "REFUSED: the zero-loss gate is not met, nothing was failed over: "
              + gate.lastProblems()
              + "\n"
              + undo,
          Map.of());
    }
    CatchUpGate.Verdict v = gate.passed().get();
    try (AgSession s = support.open(targetMember, AgSessions.Intent.READ_WRITE, timeout)) {
      try {
        s.execute(AgQueries.failover(support.settings.availabilityGroup()));
      } catch (SQLException e) {
        if (SqlErrors.isServerRefusal(e)) {
          String undo = restoreModes(context, timeout);
          return support.failed(
              "REFUSED by SQL Server, roles unchanged: "
                  + SqlErrors.describe(e)
                  + (e.getErrorCode() == SqlErrors.CANNOT_FAILOVER_UNSYNCHRONIZED
                      ? " (a database is not synchronized or not joined)"
                      : "")
                  + "\n"
                  + undo,
              Map.of());
        }
        throw ConnectorException.outcomeUnknown(
            support.sanitizer.sanitizeText(
                "FAILOVER was sent to "
                    + targetMember
                    + " and its answer lost: "
                    + SqlErrors.describe(e)),
            null);
      }
    }
    String db = v.database().orElseThrow();
    LossEvidence proof =
        LossEvidence.caughtUp(
            Markers.of(db, v.reached().orElseThrow()),
            Markers.of(db, v.primaryEnd().orElseThrow()),
            "the target was SYNCHRONIZED in synchronous-commit mode with every database failover"
                + " ready when FAILOVER ran, so every later commit was hardened on it before it"
                + " was acknowledged");
    // the same proof, stated for every database of the group
    LossEvidence loss =
        new LossEvidence(
            proof.conclusion(),
            proof.reached(),
            proof.lastPrimary(),
            proof.primaryLastSeenAt(),
            proof.finalPrimary(),
            proof.lossFrom(),
            proof.atLeast(),
            proof.atMost(),
            proof.unit(),
            proof.exact(),
            proof.statement() + "; per database: " + String.join("; ", v.perDatabase()));
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put(Facts.CAUGHT_UP_DATABASE, db);
    facts.put(Facts.CAUGHT_UP_REACHED, v.reached().get().toString());
    facts.put(Facts.CAUGHT_UP_FINAL, v.primaryEnd().get().toString());
    facts.put(Facts.EVIDENCE, loss.statement());
    return support
        .succeeded(
            "FAILOVER accepted by "
                + targetMember
                + " (database recovery continues asynchronously)",
            facts)
        .withMarker(Markers.of(db, v.reached().get()))
        .withLoss(loss);
  }

  /** What {@link #pollGate} saw: the passing verdict, or the last reading before the deadline. */
  private record GatePoll(
      Optional<CatchUpGate.Verdict> passed, Optional<CatchUpGate.Verdict> last) {
    String lastProblems() {
      return last.map(v -> v.problems().toString()).orElse("no reading");
    }
  }

  /**
   * Reads both replicas and checks the catch-up gate every {@link #POLL} until it passes or the
   * deadline ends (the one copy the catch-up step and the promote step's re-check share); a replica
   * that does not answer is a failed reading that names it.
   */
  private GatePoll pollGate(String sourceMember, String targetMember, Deadline deadline)
      throws ConnectorException {
    CatchUpGate.Verdict[] last = new CatchUpGate.Verdict[1];
    Optional<CatchUpGate.Verdict> passed =
        deadline.pollUntil(
            POLL,
            () -> {
              Optional<ReplicaView> p = support.tryView(sourceMember, deadline.remaining());
              Optional<ReplicaView> t = support.tryView(targetMember, deadline.remaining());
              if (p.isEmpty() || t.isEmpty()) {
                last[0] =
                    new CatchUpGate.Verdict(
                        false,
                        List.of((p.isEmpty() ? sourceMember : targetMember) + " does not answer"),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty());
                return Optional.empty();
              }
              last[0] = CatchUpGate.check(p.get(), t.get());
              return last[0].passed() ? Optional.of(last[0]) : Optional.empty();
            });
    return new GatePoll(passed, Optional.ofNullable(last[0]));
  }

  private LossEvidence priorEvidence(StepContext context) {
    Optional<String> db = context.fact(Facts.CAUGHT_UP_DATABASE);
    Optional<String> reached = context.fact(Facts.CAUGHT_UP_REACHED);
    Optional<String> fin = context.fact(Facts.CAUGHT_UP_FINAL);
    if (db.isPresent() && reached.isPresent() && fin.isPresent()) {
      BigInteger r = new BigInteger(reached.get());
      BigInteger f = new BigInteger(fin.get());
      if (r.compareTo(f) >= 0) {
        return LossEvidence.caughtUp(
            Markers.of(db.get(), r),
            Markers.of(db.get(), f),
            "the catch-up gate passed before the earlier promotion attempt");
      }
    }
    return LossEvidence.unavailable(
        "the target was already primary and this run recorded no catch-up proof");
  }

  StepResult restoreCommitModes(StepContext context, Duration timeout) throws ConnectorException {
    if (!support.settings.restoreCommitModes()) {
      return support.succeeded("'restoreCommitModes' is false: modes left synchronous", Map.of());
    }
    return support.succeeded(restoreModes(context, timeout), Map.of());
  }

  /** Sets each replica back to its recorded mode on whichever replica is primary now. */
  String restoreModes(StepContext context, Duration timeout) throws ConnectorException {
    Optional<String> sourceMode = context.fact(Facts.ORIGINAL_MODE_SOURCE);
    Optional<String> targetMode = context.fact(Facts.ORIGINAL_MODE_TARGET);
    if (sourceMode.isEmpty() || targetMode.isEmpty()) {
      return "no original commit modes recorded: nothing restored";
    }
    Map<String, String> wanted = new LinkedHashMap<>();
    wanted.put(support.fact(context, Facts.SOURCE_REPLICA), sourceMode.get());
    wanted.put(support.fact(context, Facts.TARGET_REPLICA), targetMode.get());
    for (String member :
        List.of(
            support.fact(context, Facts.TARGET_MEMBER),
            support.fact(context, Facts.SOURCE_MEMBER))) {
      Optional<ReplicaView> v = support.tryView(member, timeout);
      if (v.isEmpty() || !v.get().isPrimary()) {
        continue;
      }
      List<String> changed = new ArrayList<>();
      try (AgSession s = support.open(member, AgSessions.Intent.READ_WRITE, timeout)) {
        for (Map.Entry<String, String> e : wanted.entrySet()) {
          if (!e.getValue().equals(mode(v.get(), e.getKey()))
              && !e.getValue().equals("?")
              && !e.getValue().equals("CONFIGURATION_ONLY")) {
            s.execute(
                AgQueries.setAvailabilityMode(
                    support.settings.availabilityGroup(), e.getKey(), e.getValue()));
            changed.add(e.getKey() + "=" + e.getValue());
          }
        }
      } catch (SQLException e) {
        throw failure("restore commit modes", e);
      }
      return changed.isEmpty()
          ? "commit modes already as before the run " + wanted
          : "restored commit modes " + changed;
    }
    return "WARNING: no primary answered: commit modes not restored, set them by hand " + wanted;
  }

  StepResult verifyWrites(StepContext context, Duration timeout) throws ConnectorException {
    String targetMember = context.fact(Facts.TARGET_MEMBER).orElse(null);
    if (targetMember == null) {
      throw ConnectorException.notStarted("fact 'targetMember' is missing", false, null);
    }
    Deadline deadline =
        Deadline.in(StepSupport.min(support.settings.recoveryTimeout(), margin(timeout, 2)));
    List<String> last = new ArrayList<>();
    Optional<String> done =
        deadline.pollUntil(
            Duration.ofMillis(100),
            () -> {
              last.clear();
              try (AgSession s =
                  support.open(targetMember, AgSessions.Intent.READ_WRITE, deadline.remaining())) {
                ReplicaView v = ReplicaView.read(s, targetMember, support.settings);
                if (!v.isPrimary()) {
                  last.add(targetMember + " is " + v.localRole());
                  return Optional.empty();
                }
                for (ReplicaView.DbRow d : v.localDatabases()) {
                  List<Row> rows = s.query(AgQueries.DATABASE_UPDATEABILITY, d.database());
                  String state = rows.isEmpty() ? "MISSING" : rows.get(0).upper("state_desc");
                  String upd = rows.isEmpty() ? "" : rows.get(0).upper("updateability");
                  if (!d.primary() || !"ONLINE".equals(state) || !"READ_WRITE".equals(upd)) {
                    last.add(d.database() + " " + state + " " + upd + " " + d.databaseState());
                  }
                }
                return last.isEmpty()
                    ? Optional.of(v.localDatabases().size() + " database(s) ONLINE and READ_WRITE")
                    : Optional.empty();
              } catch (SQLException | ConnectorException e) {
                last.add(e.getMessage());
                return Optional.empty();
              }
            });
    if (done.isEmpty()) {
      return support.failed(
          targetMember + " does not take writes within the step's time: " + last, Map.of());
    }
    return support.succeeded(targetMember + " is primary; " + done.get(), Map.of());
  }

  StepResult postcheckRoles(StepContext context, Duration timeout) throws ConnectorException {
    StepSupport.Sites sites = support.sites(context.plan());
    String expected =
        context.plan().type() == OperationType.DRILL
            ? sites.source().name()
            : sites.target().name();
    AgTopology topology = support.observe(timeout);
    List<MemberAnswer<ReplicaView>> primaries = topology.primaries();
    String roles = describe(topology);
    if (primaries.size() != 1) {
      return support.failed(primaries.size() + " replicas answer as PRIMARY: " + roles, Map.of());
    }
    if (!primaries.get(0).site().name().equals(expected)) {
      return support.failed(
          "the primary is in "
              + primaries.get(0).site().name()
              + ", expected "
              + expected
              + ": "
              + roles,
          Map.of());
    }
    return support.succeeded("one primary, in " + expected + ": " + roles, Map.of());
  }

  static String describe(AgTopology topology) {
    List<String> parts = new ArrayList<>();
    for (MemberAnswer<ReplicaView> a : topology.answers()) {
      if (a.value().isEmpty()) {
        parts.add(a.member().name() + " " + a.connectivity());
        continue;
      }
      ReplicaView v = a.value().get();
      StringBuilder b = new StringBuilder(a.member().name() + " " + v.localRole());
      for (ReplicaView.DbRow d : v.localDatabases()) {
        b.append(" ").append(d.database()).append("=").append(d.synchronizationState());
        if (d.suspended()) {
          b.append("/SUSPENDED(").append(d.suspendReason()).append(")");
        }
      }
      parts.add(b.toString());
    }
    return String.join("; ", parts);
  }

  /** {@code timeout} less {@code seconds}, or half of it when it is shorter. */
  private static Duration margin(Duration timeout, int seconds) {
    Duration less = timeout.minusSeconds(seconds);
    return less.isNegative() || less.isZero() ? timeout.dividedBy(2) : less;
  }

  static String mode(ReplicaView view, String replica) {
    return view.replica(replica).map(ReplicaView.ReplicaRow::availabilityMode).orElse("?");
  }

  private ConnectorException failure(String what, SQLException e) {
    String text = support.sanitizer.sanitizeText(what + " failed: " + SqlErrors.describe(e));
    // a refusal may follow statements that took effect: the effect is never claimed to be none
    return SqlErrors.isServerRefusal(e)
        ? ConnectorException.permanent(text, null)
        : ConnectorException.outcomeUnknown(text, null);
  }
}
