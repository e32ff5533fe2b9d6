package io.continuity.connector.sqlserver;

import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.support.Deadline;
import java.math.BigInteger;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The drill (brief §2.7, option 1): read on the readable DR secondary with ApplicationIntent=
 * ReadOnly and watch it harden and redo the primary's log. Roles never change.
 */
final class DrillSteps {

  private final StepSupport support;

  DrillSteps(StepSupport support) {
    this.support = support;
  }

  StepResult validateReads(StepContext context, Duration timeout) throws ConnectorException {
    String targetMember = support.fact(context, Facts.TARGET_MEMBER);
    String targetReplica = support.fact(context, Facts.TARGET_REPLICA);
    ReplicaView v = support.view(targetMember, timeout);
    String allow =
        v.replica(targetReplica).map(ReplicaView.ReplicaRow::secondaryAllowConnections).orElse("?");
    if (!allow.equals("READ_ONLY") && !allow.equals("ALL")) {
      return support.failed(
          targetReplica
              + " is not a readable secondary (secondary_role_allow_connections = "
              + allow
              + "): set SECONDARY_ROLE (ALLOW_CONNECTIONS = READ_ONLY) to drill by reading",
          Map.of());
    }
    List<String> read = new ArrayList<>();
    try (AgSession s = support.open(targetMember, AgSessions.Intent.READ_ONLY, timeout)) {
      for (ReplicaView.DbRow d : v.localDatabases()) {
        List<Row> rows = s.query(AgQueries.DATABASE_UPDATEABILITY, d.database());
        if (rows.isEmpty() || !"ONLINE".equals(rows.get(0).upper("state_desc"))) {
          return support.failed(
              "database " + d.database() + " cannot be read on " + targetReplica + ": " + rows,
              Map.of());
        }
        read.add(d.database() + " " + rows.get(0).upper("updateability"));
      }
    } catch (SQLException e) {
      return support.failed(
          "read on " + targetReplica + " failed: " + SqlErrors.describe(e), Map.of());
    }
    return support.succeeded(
        "read with ApplicationIntent=ReadOnly on " + targetReplica + ": " + read, Map.of());
  }

  StepResult observeReplay(StepContext context, Duration timeout) throws ConnectorException {
    String sourceMember = support.fact(context, Facts.SOURCE_MEMBER);
    String targetMember = support.fact(context, Facts.TARGET_MEMBER);
    ReplicaView primary = support.view(sourceMember, timeout);
    ReplicaView start = support.view(targetMember, timeout);
    Map<String, BigInteger> goal = new LinkedHashMap<>();
    primary
        .localDatabases()
        .forEach(d -> d.endOfLogLsn().ifPresent(l -> goal.put(d.database(), l)));
    Map<String, BigInteger> redoneAtStart = new LinkedHashMap<>();
    start
        .localDatabases()
        .forEach(d -> d.lastRedoneLsn().ifPresent(l -> redoneAtStart.put(d.database(), l)));
    Deadline deadline = Deadline.in(timeout.minus(Duration.ofSeconds(1)));
    List<String> last = new ArrayList<>();
    Optional<String> done =
        deadline.pollUntil(
            Duration.ofMillis(100),
            () -> {
              last.clear();
              Optional<ReplicaView> v = support.tryView(targetMember, deadline.remaining());
              if (v.isEmpty()) {
                last.add(targetMember + " does not answer");
                return Optional.empty();
              }
              for (Map.Entry<String, BigInteger> g : goal.entrySet()) {
                Optional<ReplicaView.DbRow> d =
                    v.get().localDatabases().stream()
                        .filter(x -> x.database().equals(g.getKey()))
                        .findFirst();
                boolean reached =
                    d.flatMap(ReplicaView.DbRow::lastHardenedLsn)
                        .map(h -> h.compareTo(g.getValue()) >= 0)
                        .orElse(false);
                boolean advanced =
                    d.flatMap(ReplicaView.DbRow::lastRedoneLsn)
                        .map(
                            r ->
                                redoneAtStart.containsKey(g.getKey())
                                    && r.compareTo(redoneAtStart.get(g.getKey())) > 0)
                        .orElse(false);
                if (!reached && !advanced) {
                  last.add(g.getKey() + " has not reached " + g.getValue());
                }
              }
              return last.isEmpty()
                  ? Optional.of(
                      "the DR replica hardened or redid the primary's log in every database")
                  : Optional.empty();
            });
    if (done.isEmpty()) {
      return support.failed("the DR replica made no progress: " + last, Map.of());
    }
    return support.succeeded(done.get() + " (goal " + goal + ")", Map.of());
  }
}
