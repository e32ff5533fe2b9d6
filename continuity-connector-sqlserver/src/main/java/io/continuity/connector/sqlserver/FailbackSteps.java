package io.continuity.connector.sqlserver;

import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.support.Deadline;
import io.continuity.connector.support.MemberProber.MemberAnswer;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Failback after a forced failover (brief §2.6): the old primary is a SECONDARY whose databases are
 * suspended (SUSPEND_FROM_PARTNER). [doc] resume-an-availability-database-sql-server.md: ALTER
 * DATABASE … SET HADR RESUME runs on the instance hosting the suspended database, "returns as soon
 * as it has been accepted", and resuming rolls back log records never committed on the new primary
 * ([doc] failover-and-failover-modes…, "Managing the Potential Data Loss"). Then the planned
 * failover of {@link PlannedSteps} brings the role back.
 */
final class FailbackSteps {

  private final StepSupport support;

  FailbackSteps(StepSupport support) {
    this.support = support;
  }

  StepResult precheck(StepContext context, Duration timeout) throws ConnectorException {
    StepSupport.Sites sites = support.sites(context.plan());
    AgTopology topology = support.observe(timeout);
    Map<String, String> facts = new LinkedHashMap<>();
    Optional<MemberAnswer<ReplicaView>> primary = topology.primary();
    if (primary.isEmpty() || primary.get().site().name().equals(sites.target().name())) {
      return support.failed(
          "precheck failed: the primary must be one replica outside "
              + sites.target().name()
              + "; "
              + PlannedSteps.describe(topology),
          facts);
    }
    Optional<MemberAnswer<ReplicaView>> target =
        topology.inSite(sites.target().name()).stream()
            .filter(a -> a.value().map(ReplicaView::isSecondary).orElse(false))
            .findFirst();
    if (target.isEmpty()) {
      return support.failed(
          "precheck failed: no replica of "
              + sites.target().name()
              + " answers as SECONDARY; "
              + PlannedSteps.describe(topology),
          facts);
    }
    ReplicaView p = primary.get().value().orElseThrow();
    ReplicaView t = target.get().value().orElseThrow();
    String targetReplica = t.localName().orElseThrow();
    facts.put(Facts.SOURCE_MEMBER, primary.get().member().name());
    facts.put(Facts.SOURCE_REPLICA, p.localName().orElseThrow());
    facts.put(Facts.TARGET_MEMBER, target.get().member().name());
    facts.put(Facts.TARGET_REPLICA, targetReplica);
    facts.put(Facts.ORIGINAL_MODE_SOURCE, PlannedSteps.mode(p, p.localName().orElseThrow()));
    facts.put(Facts.ORIGINAL_MODE_TARGET, PlannedSteps.mode(p, targetReplica));
    List<String> suspended = new ArrayList<>();
    for (ReplicaView.DbRow d : t.localDatabases()) {
      if (d.suspended()) {
        suspended.add(d.database() + " (" + d.suspendReason() + ")");
      }
    }
    return support.succeeded(
        "primary "
            + facts.get(Facts.SOURCE_REPLICA)
            + "; "
            + targetReplica
            + " is SECONDARY"
            + (suspended.isEmpty() ? ", no database suspended" : ", suspended: " + suspended),
        facts);
  }

  /**
   * Resumes every suspended database on every replica that answers as SECONDARY (after a forced
   * failover all of them are SUSPEND_FROM_PARTNER, not only the old primary's), then waits until
   * the target's databases are SYNCHRONIZING.
   */
  StepResult resync(StepContext context, Duration timeout) throws ConnectorException {
    String targetMember = support.fact(context, Facts.TARGET_MEMBER);
    String sourceMember = support.fact(context, Facts.SOURCE_MEMBER);
    Optional<ReplicaView> primary = support.tryView(sourceMember, timeout);
    AgTopology topology = support.observe(timeout);
    List<String> notes = new ArrayList<>();
    List<String> resumed = new ArrayList<>();
    for (MemberAnswer<ReplicaView> a : topology.answers()) {
      ReplicaView v = a.value().orElse(null);
      if (v == null || !v.isSecondary()) {
        continue;
      }
      List<ReplicaView.DbRow> suspended =
          v.localDatabases().stream().filter(ReplicaView.DbRow::suspended).toList();
      if (suspended.isEmpty()) {
        continue;
      }
      try (AgSession s = support.open(a.member().name(), AgSessions.Intent.READ_WRITE, timeout)) {
        for (ReplicaView.DbRow d : suspended) {
          notes.add(discardNote(a.member().name(), d, primary));
          s.execute(AgQueries.resume(d.database()));
          resumed.add(a.member().name() + "/" + d.database());
        }
      } catch (SQLException e) {
        throw ConnectorException.permanent(
            support.sanitizer.sanitizeText(
                "SET HADR RESUME on "
                    + a.member().name()
                    + " failed after resuming "
                    + resumed
                    + ": "
                    + SqlErrors.describe(e)),
            null);
      }
    }
    Deadline deadline = Deadline.in(StepSupport.min(support.settings.catchUpTimeout(), timeout));
    List<String> last = new ArrayList<>();
    Optional<String> done =
        deadline.pollUntil(
            Duration.ofMillis(50),
            () -> {
              last.clear();
              Optional<ReplicaView> v = support.tryView(targetMember, deadline.remaining());
              if (v.isEmpty()) {
                last.add(targetMember + " does not answer");
                return Optional.empty();
              }
              for (ReplicaView.DbRow d : v.get().localDatabases()) {
                String state = d.synchronizationState();
                if (d.suspended()
                    || !(state.equals("SYNCHRONIZING") || state.equals("SYNCHRONIZED"))) {
                  last.add(d.database() + " " + state + (d.suspended() ? " SUSPENDED" : ""));
                }
              }
              return last.isEmpty()
                  ? Optional.of(targetMember + ": every database synchronizing")
                  : Optional.empty();
            });
    String noteText = notes.isEmpty() ? "no database was suspended" : String.join("\n", notes);
    if (done.isEmpty()) {
      return support.failed(
          "the databases did not resume within the step's time: " + last + "\n" + noteText,
          Map.of());
    }
    return support.succeeded(done.get() + "; resumed " + resumed + "\n" + noteText, Map.of());
  }

  private static String discardNote(
      String member, ReplicaView.DbRow d, Optional<ReplicaView> primary) {
    String primaryEnd =
        primary
            .flatMap(
                p ->
                    p.localDatabases().stream()
                        .filter(x -> x.database().equals(d.database()))
                        .findFirst())
            .flatMap(ReplicaView.DbRow::endOfLogLsn)
            .map(Object::toString)
            .orElse("unknown");
    return member
        + ": database "
        + d.database()
        + " was suspended ("
        + d.suspendReason()
        + ") with end_of_log_lsn "
        + d.endOfLogLsn().map(Object::toString).orElse("unknown")
        + " (new primary at "
        + primaryEnd
        + "): resuming rolls back its log records never committed on the new primary;"
        + " writes it took after the forced failover are discarded";
  }
}
