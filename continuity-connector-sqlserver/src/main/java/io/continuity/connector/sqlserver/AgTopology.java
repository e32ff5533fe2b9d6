package io.continuity.connector.sqlserver;

import io.continuity.connector.api.SiteEndpoint;
import io.continuity.connector.support.MemberProber.MemberAnswer;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The availability group as every configured replica answered it at one moment: which member is
 * primary now (the one whose own row says PRIMARY), its secondaries per site, and per-database
 * positions. Shared by the probe and the steps, so both decide from the same reading.
 */
final class AgTopology {

  private final List<MemberAnswer<ReplicaView>> answers;

  AgTopology(List<MemberAnswer<ReplicaView>> answers) {
    this.answers = List.copyOf(answers);
  }

  List<MemberAnswer<ReplicaView>> answers() {
    return answers;
  }

  Optional<MemberAnswer<ReplicaView>> member(String name) {
    return answers.stream().filter(a -> a.member().name().equals(name)).findFirst();
  }

  List<MemberAnswer<ReplicaView>> inSite(String site) {
    return answers.stream().filter(a -> a.site().name().equals(site)).toList();
  }

  /** Members that answered and say they are primary. */
  List<MemberAnswer<ReplicaView>> primaries() {
    return answers.stream()
        .filter(a -> a.value().map(ReplicaView::isPrimary).orElse(false))
        .toList();
  }

  /** The one primary; empty when none answered as primary or more than one claims it. */
  Optional<MemberAnswer<ReplicaView>> primary() {
    List<MemberAnswer<ReplicaView>> p = primaries();
    return p.size() == 1 ? Optional.of(p.get(0)) : Optional.empty();
  }

  Optional<String> primarySite() {
    return primary().map(a -> a.site().name());
  }

  /** True when the member of {@code site} answered. */
  boolean anyAnswered(SiteEndpoint site) {
    return inSite(site.name()).stream().anyMatch(MemberAnswer::answered);
  }

  /** Every database watched, by name, as seen by any member. */
  List<String> databases() {
    TreeSet<String> names = new TreeSet<>();
    for (MemberAnswer<ReplicaView> a : answers) {
      a.value().ifPresent(v -> v.databases().forEach(d -> names.add(d.database())));
    }
    return new ArrayList<>(names);
  }

  /**
   * The secondaries of {@code site} that answered, the most advanced first (doc: "a higher
   * end-of-log LSN indicates less latency").
   */
  List<MemberAnswer<ReplicaView>> secondariesIn(String site) {
    return inSite(site).stream()
        .filter(a -> a.value().map(ReplicaView::isSecondary).orElse(false))
        .sorted(Comparator.comparing(AgTopology::leastHardened).reversed())
        .toList();
  }

  /** The best failover target in {@code site}: the most advanced answering secondary. */
  Optional<MemberAnswer<ReplicaView>> target(String site) {
    return secondariesIn(site).stream().findFirst();
  }

  private static BigInteger leastHardened(MemberAnswer<ReplicaView> a) {
    return a.value().orElseThrow().localDatabases().stream()
        .map(d -> d.lastHardenedLsn().orElse(BigInteger.ZERO))
        .min(BigInteger::compareTo)
        .orElse(BigInteger.ZERO);
  }

  /**
   * The DR replica's hardened flush LSN of one database: its own local row, or the primary's row
   * about it, whichever is larger (both are lower bounds, brief §2.3).
   */
  static Optional<BigInteger> hardened(
      MemberAnswer<ReplicaView> target,
      Optional<MemberAnswer<ReplicaView>> primary,
      String database) {
    ReplicaView t = target.value().orElseThrow();
    Optional<BigInteger> own =
        t.localDatabases().stream()
            .filter(d -> d.database().equals(database))
            .findFirst()
            .flatMap(ReplicaView.DbRow::lastHardenedLsn);
    Optional<BigInteger> seen =
        primary
            .flatMap(ReplicaView::primaryValue)
            .flatMap(p -> t.localName().flatMap(n -> p.database(n, database)))
            .flatMap(ReplicaView.DbRow::lastHardenedLsn);
    return own.isPresent() && seen.isPresent()
        ? Optional.of(own.get().max(seen.get()))
        : own.or(() -> seen);
  }
}
