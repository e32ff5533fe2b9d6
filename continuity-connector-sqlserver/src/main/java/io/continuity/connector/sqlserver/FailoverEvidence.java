package io.continuity.connector.sqlserver;

import io.continuity.connector.api.LossConclusion;
import io.continuity.connector.api.LossEvidence;
import io.continuity.connector.api.ObservedMarker;
import io.continuity.connector.api.ReplicationMarker;
import io.continuity.connector.api.StepContext;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The loss evidence of a forced failover, per database (brief §2.5): the target's hardened flush
 * LSN against the old primary's end_of_log_lsn as last seen (by monitoring, {@link
 * StepContext#lastPrimaryMarker()}, or by this run's steps), and the time window from the target's
 * last_commit_time. LSNs here are log-block ids: they order positions but do not count bytes, so
 * the evidence states LSN ranges and times, never a byte figure. Caught up is claimed only when the
 * fenced old primary answered with its final end of log and the target had reached it.
 */
final class FailoverEvidence {

  private FailoverEvidence() {}

  /** One database's figures. */
  private record Db(
      String name,
      Optional<BigInteger> reached,
      Optional<BigInteger> lastPrimary,
      Optional<BigInteger> finalPrimary,
      Optional<Instant> targetCommit) {

    BigInteger gap() {
      return lastPrimary.get().subtract(reached.get()).max(BigInteger.ZERO);
    }
  }

  static LossEvidence conclude(StepContext context, Map<String, String> facts) {
    TreeSet<String> names = new TreeSet<>();
    facts.keySet().stream()
        .filter(k -> k.startsWith(Facts.TARGET_HARDENED))
        .forEach(k -> names.add(k.substring(Facts.TARGET_HARDENED.length())));
    if (names.isEmpty()) {
      return LossEvidence.unavailable(
          "the target's hardened LSNs were not captured before the forced failover");
    }
    Optional<ObservedMarker> monitored = context.lastPrimaryMarker();
    List<Db> dbs = new ArrayList<>();
    for (String name : names) {
      Optional<BigInteger> reached = number(facts.get(Facts.TARGET_HARDENED + name));
      Optional<BigInteger> seen = number(facts.get(Facts.SOURCE_LSN + name));
      Optional<BigInteger> fromMonitoring =
          monitored
              .map(ObservedMarker::marker)
              .filter(m -> Markers.database(m).map(name::equals).orElse(false))
              .map(ReplicationMarker::position);
      Optional<BigInteger> last = max(seen, fromMonitoring);
      Optional<BigInteger> fin = number(facts.get(Facts.SOURCE_FINAL + name));
      Optional<Instant> commit =
          Optional.ofNullable(facts.get(Facts.TARGET_COMMIT + name)).map(Instant::parse);
      dbs.add(new Db(name, reached, max(last, fin), fin, commit));
    }
    boolean allFinal =
        dbs.stream()
            .allMatch(
                d ->
                    d.reached.isPresent()
                        && d.finalPrimary.isPresent()
                        && d.reached.get().compareTo(d.finalPrimary.get()) >= 0);
    if (allFinal) {
      Db d = dbs.get(0);
      return LossEvidence.caughtUp(
          Markers.of(d.name, d.reached.get()),
          Markers.of(d.name, d.finalPrimary.get()),
          "the fenced old primary answered with its final end_of_log_lsn in every database and"
              + " the target had hardened it");
    }
    // the worst database: one whose old-primary position is unknown, else the largest gap
    Db worst =
        dbs.stream()
            .filter(d -> d.reached.isPresent() && d.lastPrimary.isEmpty())
            .findFirst()
            .orElseGet(
                () ->
                    dbs.stream()
                        .filter(d -> d.reached.isPresent())
                        .max((a, b) -> a.gap().compareTo(b.gap()))
                        .orElse(dbs.get(0)));
    if (worst.reached.isEmpty()) {
      return LossEvidence.unavailable("the target reported no hardened LSN for " + worst.name);
    }
    Optional<Instant> lossFrom =
        dbs.stream().map(Db::targetCommit).flatMap(Optional::stream).min(Instant::compareTo);
    Optional<Instant> seenAt =
        max(
            monitored.map(ObservedMarker::observedAt),
            Optional.ofNullable(facts.get(Facts.SOURCE_SEEN_AT)).map(Instant::parse));
    StringBuilder s = new StringBuilder("FORCE_FAILOVER_ALLOW_DATA_LOSS: potential loss. ");
    for (Db d : dbs) {
      s.append("Database ").append(d.name).append(": the target hardened log up to ");
      s.append(d.reached.map(BigInteger::toString).orElse("an unknown LSN"));
      if (d.lastPrimary.isPresent() && d.reached.isPresent()) {
        if (d.lastPrimary.get().compareTo(d.reached.get()) > 0) {
          s.append("; log blocks after it up to the old primary's end_of_log_lsn ")
              .append(d.lastPrimary.get())
              .append(
                  d.finalPrimary.isPresent()
                      ? " (its final one)"
                      : " (last seen; it may have gone further)")
              .append(" are not on the target");
        } else {
          s.append("; the old primary was last seen at ")
              .append(d.lastPrimary.get())
              .append(
                  ", which the target had; anything it wrote after it was last seen may be lost");
        }
      } else {
        s.append("; the old primary's position was never observed: the loss cannot be bounded");
      }
      s.append(". ");
    }
    lossFrom.ifPresent(
        t ->
            s.append("Transactions committed after ")
                .append(t)
                .append(" (the target's last commit) may be lost"));
    seenAt.ifPresent(t -> s.append("; the old primary was last seen at ").append(t));
    s.append(". LSNs are log-block ids, not byte counts: no byte figure is stated.");
    return new LossEvidence(
        LossConclusion.POTENTIAL_LOSS,
        Optional.of(Markers.of(worst.name, worst.reached.get())),
        worst.lastPrimary.map(lp -> Markers.of(worst.name, lp)),
        seenAt,
        worst.finalPrimary.map(f -> Markers.of(worst.name, f)),
        lossFrom,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false,
        s.toString());
  }

  private static Optional<BigInteger> number(String text) {
    return text == null ? Optional.empty() : Optional.of(new BigInteger(text));
  }

  private static <T extends Comparable<T>> Optional<T> max(Optional<T> a, Optional<T> b) {
    if (a.isPresent() && b.isPresent()) {
      return Optional.of(a.get().compareTo(b.get()) >= 0 ? a.get() : b.get());
    }
    return a.or(() -> b);
  }
}
