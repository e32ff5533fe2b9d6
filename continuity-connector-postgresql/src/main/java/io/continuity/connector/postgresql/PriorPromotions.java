package io.continuity.connector.postgresql;

import io.continuity.connector.api.LossEvidence;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A promote step run again finds its target already out of recovery: decides whether an earlier
 * attempt of this run promoted it (the step is then done) or whether something else made it a
 * primary (refused: a person must look). This is what makes {@code promote-target} idempotent, so a
 * crash anywhere in a switchover or failover resumes to the end instead of stranding the pair.
 */
final class PriorPromotions {

  private PriorPromotions() {}

  /**
   * Switchover: promoted on a newer timeline than the pair's, and not before the final LSN. Without
   * a readable switch point that cannot be shown, so the step fails (the target is a writable
   * primary either way: nothing is stranded).
   */
  static StepResult planned(
      StepSupport support,
      StepContext context,
      Connection target,
      SiteSettings site,
      Lsn finalLsn,
      boolean exclusive)
      throws SQLException {
    Optional<Long> before = longFact(context, Facts.PRIMARY_TIMELINE);
    PriorPromotion prior = PriorPromotion.read(target);
    if (!prior.isNewerThan(before)) {
      return notByThisRun(support, site, prior, before);
    }
    Map<String, String> facts = facts(prior);
    if (prior.switchPoint().isPresent()) {
      Lsn at = prior.switchPoint().get();
      if (!SwitchoverSteps.reached(at, finalLsn, exclusive)) {
        return support.failed(
            site.name()
                + " left recovery at "
                + at
                + ", before the old primary's final LSN "
                + finalLsn
                + ": writes between them are not on it. Check the roles and the old primary's"
                + " WAL by hand",
            facts);
      }
      return support
          .succeeded(
              site.name()
                  + " is already primary on timeline "
                  + prior.timeline()
                  + ": an earlier attempt of this step promoted it at "
                  + at
                  + ", past the old primary's final LSN "
                  + finalLsn,
              facts,
              at)
          .withLoss(
              Evidence.switchover(at, finalLsn, "final LSN (switch point of the earlier attempt)"));
    }
    return support.failed(
        site.name()
            + " is already primary on timeline "
            + prior.timeline()
            + ", but its switch point could not be read (that needs superuser or"
            + " pg_read_server_files), so it cannot be shown that it left recovery past the old"
            + " primary's final LSN "
            + finalLsn
            + ". It takes writes; compare its timeline history with the old primary's WAL by hand",
        facts);
  }

  /**
   * Failover: promoted on a newer timeline than the target had before the run. The loss evidence
   * uses the switch point where it can be read, else the lowest position captured before the
   * promotion, so it never claims the target got further than it can show.
   */
  static StepResult unplanned(
      StepSupport support,
      StepContext context,
      Connection target,
      SiteSettings site,
      java.util.function.Function<Lsn, LossEvidence> evidence)
      throws SQLException {
    Optional<Long> before = longFact(context, Facts.TARGET_TIMELINE);
    PriorPromotion prior = PriorPromotion.read(target);
    if (!prior.isNewerThan(before)) {
      return notByThisRun(support, site, prior, before);
    }
    Optional<Lsn> reached =
        prior
            .switchPoint()
            .or(
                () ->
                    Stream.of(
                            StepSupport.lsnFact(context, Facts.TARGET_RECEIVE_LSN),
                            StepSupport.lsnFact(context, Facts.TARGET_REPLAY_LSN))
                        .flatMap(Optional::stream)
                        .max(Lsn::compareTo));
    Map<String, String> facts = facts(prior);
    Optional<LossEvidence> loss = reached.map(evidence);
    String how =
        prior.switchPoint().isPresent()
            ? " at " + prior.switchPoint().get()
            : reached
                .map(
                    r ->
                        " (switch point unreadable; evidence from the markers captured before, "
                            + r
                            + ")")
                .orElse(
                    " (switch point unreadable and no marker captured: loss cannot be bounded)");
    StepResult done =
        support.succeeded(
            site.name()
                + " is already primary on timeline "
                + prior.timeline()
                + ": an earlier attempt of this step promoted it"
                + how,
            facts,
            reached.orElse(null));
    return done.withLoss(
        loss.orElseGet(
            () ->
                LossEvidence.unavailable(
                    "the switch point is unreadable and no marker was captured before the"
                        + " promotion")));
  }

  private static StepResult notByThisRun(
      StepSupport support, SiteSettings site, PriorPromotion prior, Optional<Long> before) {
    return support.failed(
        site.name()
            + " is a primary on timeline "
            + prior.timeline()
            + before.map(b -> ", the timeline it was on before this run (" + b + ")").orElse("")
            + ": this run did not promote it. Two nodes may have been primary: check the roles by"
            + " hand before anything else");
  }

  private static Map<String, String> facts(PriorPromotion prior) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put(Facts.PROMOTED_BY, Facts.EARLIER_ATTEMPT);
    facts.put(Facts.NEW_TIMELINE, Long.toString(prior.timeline()));
    prior.switchPoint().ifPresent(at -> facts.put(Facts.PROMOTED_AT_LSN, at.toString()));
    return facts;
  }

  private static Optional<Long> longFact(StepContext context, String key) {
    try {
      return Optional.ofNullable(context.facts().get(key)).map(Long::valueOf);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
