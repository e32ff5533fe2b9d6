package io.continuity.connector.snowflake;

import io.continuity.connector.api.Connectivity;
import io.continuity.connector.api.Health;
import io.continuity.connector.api.MemberObservation;
import io.continuity.connector.api.MemberRole;
import io.continuity.connector.api.PayloadSanitizer;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.ReplicationLag;
import io.continuity.connector.api.ReplicationMarker;
import io.continuity.connector.api.ReplicationState;
import io.continuity.connector.api.SiteConnectivity;
import io.continuity.connector.snowflake.AccountObservation.RefreshRow;
import io.continuity.connector.support.MemberProber.MemberAnswer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what the accounts answered into a {@link ProbeResult} (brief §5, Snowflake row): the
 * primary site is the account that answered and holds the group as primary (never one that did not
 * answer); the DR marker is the secondary's newest COMPLETED snapshot, the primary marker the
 * primary's clock; lag is the secondary's clock minus that snapshot (Snowflake's own definition in
 * REPLICATION_GROUP_LAG_HISTORY). Every reason not to be healthy is stated with its evidence.
 */
final class ProbeAssembler {

  private static final Pattern SCHEDULE = Pattern.compile("(\\d+)\\s*MINUTES?");
  private static final Duration DEFAULT_MAX_AGE = Duration.ofHours(1);

  private final SnowflakeSettings settings;
  private final PayloadSanitizer sanitizer;

  ProbeAssembler(SnowflakeSettings settings, PayloadSanitizer sanitizer) {
    this.settings = settings;
    this.sanitizer = sanitizer;
  }

  ProbeResult assemble(List<MemberAnswer<AccountObservation>> answers, Instant observedAt) {
    List<SiteConnectivity> sites = new ArrayList<>();
    List<MemberObservation> members = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    List<AccountObservation> primaries = new ArrayList<>();
    List<AccountObservation> secondaries = new ArrayList<>();
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("failoverGroup", settings.failoverGroup());
    Map<String, Object> accounts = new LinkedHashMap<>();
    boolean unreachable = false;
    for (MemberAnswer<AccountObservation> answer : answers) {
      String site = answer.site().name();
      if (answer.value().isEmpty()) {
        unreachable = true;
        sites.add(new SiteConnectivity(site, answer.connectivity(), answer.detail()));
        members.add(
            MemberObservation.unreachable(
                site, answer.member().name(), answer.connectivity(), answer.detail()));
        reasons.add(site + ": " + answer.connectivity() + " " + answer.detail());
        accounts.put(site, Map.of("connectivity", answer.connectivity().name()));
        continue;
      }
      AccountObservation o = answer.value().get();
      sites.add(SiteConnectivity.reachable(site));
      Optional<ReplicationMarker> own = Optional.empty();
      MemberRole role = MemberRole.UNKNOWN;
      String detail;
      if (o.group().isEmpty()) {
        detail = "failover group " + settings.failoverGroup() + " not found in this account";
        reasons.add(site + ": " + detail);
      } else if (o.isPrimary()) {
        role = MemberRole.PRIMARY;
        own = Optional.of(SnapshotTime.marker(o.nowMicros()));
        primaries.add(o);
        detail = "primary";
      } else {
        role = MemberRole.SECONDARY;
        own = o.newestCompleted().flatMap(RefreshRow::snapshotMicros).map(SnapshotTime::marker);
        secondaries.add(o);
        detail = "secondary (" + o.group().get().secondaryState() + ")";
      }
      members.add(
          new MemberObservation(
              site, answer.member().name(), role, Connectivity.REACHABLE, own, detail));
      accounts.put(site, accountPayload(o));
    }
    payload.put("accounts", accounts);

    ProbeResult.Builder result = ProbeResult.builder(observedAt).sites(sites).members(members);
    Health health;
    ReplicationState state;
    if (primaries.size() > 1) {
      reasons.add("more than one account holds " + settings.failoverGroup() + " as primary");
      health = Health.UNHEALTHY;
      state = ReplicationState.BROKEN;
    } else {
      if (primaries.isEmpty()) {
        reasons.add("no account answered as primary of " + settings.failoverGroup());
      } else {
        AccountObservation primary = primaries.get(0);
        result.primarySite(primary.account().site());
        result.primaryMarker(SnapshotTime.marker(primary.nowMicros()));
        payload.put("primarySite", primary.account().site());
      }
      Verdict verdict =
          secondaries.isEmpty() ? noSecondary(unreachable) : judge(secondaries.get(0), reasons);
      secondaries.stream()
          .findFirst()
          .ifPresent(
              s -> {
                s.newestCompleted()
                    .flatMap(RefreshRow::snapshotMicros)
                    .ifPresent(
                        snap -> {
                          result.drMarker(SnapshotTime.marker(snap));
                          result.lag(
                              ReplicationLag.ofTime(
                                  Duration.ofNanos(Math.max(0, s.nowMicros() - snap) * 1_000L)));
                        });
              });
      health = verdict.health();
      state = verdict.state();
      if (primaries.isEmpty()) {
        health = Health.UNHEALTHY;
      } else if (unreachable && health == Health.HEALTHY) {
        health = Health.DEGRADED;
      }
    }
    payload.put("reasons", reasons);
    return result
        .health(health)
        .replicationState(state)
        .payload(sanitizer.sanitize(payload))
        .build();
  }

  /** Health and replication state with the reasons they were derived from. */
  record Verdict(Health health, ReplicationState state) {}

  private Verdict noSecondary(boolean unreachable) {
    return unreachable
        ? new Verdict(Health.DEGRADED, ReplicationState.UNKNOWN)
        : new Verdict(Health.DEGRADED, ReplicationState.BROKEN);
  }

  /** The secondary's refreshes and schedule, judged (brief §5). */
  Verdict judge(AccountObservation secondary, List<String> reasons) {
    String site = secondary.account().site();
    Duration maxAge = maxRefreshAge(secondary);
    Optional<RefreshRow> completed = secondary.newestCompleted();
    List<RefreshRow> finished = secondary.refreshes().stream().filter(r -> !r.running()).toList();
    Health health;
    if (completed.isEmpty()) {
      reasons.add(site + ": no COMPLETED refresh in the history window");
      health = Health.UNHEALTHY;
    } else {
      health = Health.HEALTHY;
    }
    boolean stale = false;
    if (completed.isPresent()) {
      long snap = completed.get().snapshotMicros().orElse(0L);
      Duration age = Duration.ofNanos(Math.max(0, secondary.nowMicros() - snap) * 1_000L);
      if (age.compareTo(maxAge) > 0) {
        stale = true;
        reasons.add(
            site
                + ": newest COMPLETED refresh has snapshot "
                + SnapshotTime.instant(snap)
                + ", "
                + age.toSeconds()
                + " s old, more than the "
                + maxAge.toSeconds()
                + " s the schedule allows");
        health = worst(health, Health.DEGRADED);
      }
    }
    int failedInARow = 0;
    for (RefreshRow r : finished) {
      if (!r.failed()) {
        break;
      }
      failedInARow++;
    }
    if (failedInARow > 0) {
      RefreshRow newest = finished.get(0);
      reasons.add(
          site
              + ": newest finished refresh "
              + newest.jobUuid()
              + " is "
              + newest.phase()
              + newest.error().map(e -> " (" + e + ")").orElse(""));
      health = worst(health, Health.DEGRADED);
    }
    ReplicationState state;
    Optional<RefreshRow> running = secondary.running();
    if (running.isPresent()) {
      Duration runningFor =
          Duration.ofNanos(
              Math.max(0, secondary.nowMicros() - running.get().startMicros()) * 1_000L);
      if (runningFor.compareTo(maxAge) > 0) {
        reasons.add(
            site
                + ": refresh "
                + running.get().jobUuid()
                + " has been running for "
                + runningFor.toSeconds()
                + " s (in "
                + running.get().phase()
                + "), longer than the "
                + maxAge.toSeconds()
                + " s the schedule allows");
        health = worst(health, Health.DEGRADED);
      }
    }
    if (secondary.group().map(g -> g.suspended()).orElse(false)) {
      reasons.add(site + ": replication schedule is SUSPENDED");
      state = ReplicationState.PAUSED;
    } else if (failedInARow >= 2 || completed.isEmpty()) {
      state = ReplicationState.BROKEN;
    } else if (running.isPresent()) {
      state = stale ? ReplicationState.CATCHING_UP : ReplicationState.STREAMING;
      if (stale) {
        reasons.add(
            site + ": refresh " + running.get().jobUuid() + " is in " + running.get().phase());
      }
    } else if (stale) {
      state = ReplicationState.BROKEN;
    } else {
      state = ReplicationState.STREAMING;
    }
    return new Verdict(health, state);
  }

  /** The configured age, else twice the group's {@code N MINUTE} schedule, else one hour. */
  Duration maxRefreshAge(AccountObservation secondary) {
    if (settings.maxRefreshAge().isPresent()) {
      return settings.maxRefreshAge().get();
    }
    String schedule =
        secondary.group().map(g -> g.replicationSchedule()).orElse("").toUpperCase(Locale.ROOT);
    Matcher m = SCHEDULE.matcher(schedule);
    if (m.find()) {
      return Duration.ofMinutes(Long.parseLong(m.group(1))).multipliedBy(2);
    }
    return DEFAULT_MAX_AGE;
  }

  private static Health worst(Health a, Health b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }

  private static Map<String, Object> accountPayload(AccountObservation o) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("connectivity", "REACHABLE");
    map.put("nowUs", o.nowMicros());
    o.group()
        .ifPresent(
            g -> {
              map.put("isPrimary", g.isPrimary());
              map.put("primary", g.primary());
              map.put("replicationSchedule", g.replicationSchedule());
              map.put("secondaryState", g.secondaryState());
            });
    o.newestCompleted()
        .ifPresent(
            r -> {
              map.put("lastCompletedJob", r.jobUuid());
              map.put(
                  "lastSnapshot", SnapshotTime.instant(r.snapshotMicros().orElse(0L)).toString());
            });
    o.refreshes().stream()
        .findFirst()
        .ifPresent(r -> map.put("newestRefresh", r.jobUuid() + " " + r.phase()));
    return map;
  }
}
