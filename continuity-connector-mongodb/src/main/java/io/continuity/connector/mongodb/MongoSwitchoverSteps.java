package io.continuity.connector.mongodb;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoSocketException;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.LossEvidence;
import io.continuity.connector.api.MemberEndpoint;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepOutcome;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.mongodb.MongoSteps.Sites;
import io.continuity.connector.support.Deadline;
import io.continuity.connector.support.MemberProber.MemberAnswer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * The switchover steps of the MongoDB plans (brief §1.4): freeze the other electable members so the
 * target is the only candidate, wait for it to catch up, step the primary down behind a gate that
 * proves zero loss, and unfreeze. Shares the member reads and result helpers of {@link MongoSteps}.
 */
final class MongoSwitchoverSteps {

  private final MongoSteps s;

  MongoSwitchoverSteps(MongoSteps steps) {
    this.s = steps;
  }

  StepResult freezeOthers(StepContext context, Duration timeout) throws ConnectorException {
    Sites sites = s.sites(context);
    List<MemberAnswer<MemberView>> answers = s.observe(timeout);
    ProbeAssembler.Topology topology = ProbeAssembler.topology(s.settings, answers);
    Optional<MemberView> target = MongoSteps.view(answers, sites.member().name());
    Optional<MemberView.ConfigView> config =
        topology.primary().flatMap(MemberView::config).or(() -> target.flatMap(MemberView::config));
    if (target.isEmpty() || config.isEmpty()) {
      return s.failed(
          "cannot read the set's config on the primary or on " + sites.member().name(), Map.of());
    }
    String targetHost = target.get().me().orElse("");
    List<String> frozen = new ArrayList<>();
    for (MemberView.ConfMember m : config.get().members()) {
      if (!m.electable() || m.host().equals(targetHost)) {
        continue;
      }
      Optional<MemberAnswer<MemberView>> answer = MongoSteps.byHost(answers, m.host());
      if (answer.isEmpty()) {
        return s.failed(
            "cannot reach electable member " + m.host() + " to freeze it",
            Map.of(MongoSteps.FROZEN, String.join(",", frozen)));
      }
      if (answer.get().value().get().writablePrimary()) {
        continue; // the primary is made unelectable by its own stepdown
      }
      MemberEndpoint endpoint = answer.get().member();
      try {
        s.clients.run(
            endpoint,
            "admin",
            new Document("replSetFreeze", s.settings.freezeSecs()),
            Duration.ofSeconds(10));
      } catch (MongoException e) {
        throw MongoFailures.forStep("replSetFreeze", endpoint.name(), e, s.sanitizer);
      }
      frozen.add(endpoint.name());
    }
    return s.succeeded(
        frozen.isEmpty()
            ? "no other electable secondary to freeze"
            : "frozen for " + s.settings.freezeSecs() + " s: " + String.join(", ", frozen),
        Map.of(MongoSteps.FROZEN, String.join(",", frozen)));
  }

  StepResult unfreezeOthers(StepContext context, Duration timeout) throws ConnectorException {
    String listed = context.fact(MongoSteps.FROZEN).orElse("");
    List<String> done = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (String name : listed.split(",")) {
      if (name.isBlank()) {
        continue;
      }
      MemberEndpoint endpoint = s.endpoint(name);
      try {
        s.clients.run(endpoint, "admin", new Document("replSetFreeze", 0), Duration.ofSeconds(10));
        done.add(name);
      } catch (MongoCommandException e) {
        if (e.getErrorCode() == MongoFailures.NOT_SECONDARY) {
          done.add(name + " (primary now, nothing to unfreeze)");
        } else {
          notes.add(name + ": " + MongoFailures.describe(e));
        }
      } catch (MongoException e) {
        notes.add(
            name
                + " did not answer (its freeze expires by itself after "
                + s.settings.freezeSecs()
                + " s)");
      }
    }
    return s.succeeded(
        (done.isEmpty() ? "nothing to unfreeze" : "unfrozen: " + String.join(", ", done))
            + (notes.isEmpty() ? "" : "; " + String.join("; ", notes)));
  }

  StepResult waitForCatchUp(StepContext context, Duration timeout) throws ConnectorException {
    Sites sites = s.sites(context);
    Duration limit = MongoSteps.min(s.settings.catchUpTimeout(), timeout);
    Optional<OpTime> primaryAt =
        ProbeAssembler.topology(
                s.settings, s.observe(MongoSteps.min(Duration.ofSeconds(5), timeout)))
            .primary()
            .flatMap(MemberView::position);
    if (primaryAt.isEmpty()) {
      return s.failed("no primary optime to wait for; nothing was changed", Map.of());
    }
    Optional<OpTime> reached = awaitTarget(sites.member(), primaryAt.get(), limit);
    if (reached.isEmpty()) {
      return s.failed(
          sites.member().name()
              + " did not reach the primary's optime "
              + primaryAt.get()
              + " within "
              + limit
              + "; nothing was changed (other members stay frozen until their freeze expires)",
          Map.of());
    }
    return s.succeeded(
        sites.member().name()
            + " applied "
            + reached.get()
            + ", at or past the primary's optime "
            + primaryAt.get()
            + " when the wait began");
  }

  /**
   * Waits until {@code member}'s applied optime, read on it, reaches {@code goal}: a progress gate
   * that a target under write load passes (it reaches what the primary had a moment ago) and a
   * stalled one never does. Zero loss itself is proven after the stepdown, never assumed here.
   */
  private Optional<OpTime> awaitTarget(MemberEndpoint member, OpTime goal, Duration limit)
      throws ConnectorException {
    return Deadline.in(limit)
        .pollUntil(
            MongoSteps.POLL,
            () -> {
              try {
                Document status =
                    s.clients.run(
                        member,
                        "admin",
                        new Document("replSetGetStatus", 1),
                        Duration.ofSeconds(5));
                Document optimes = status.get("optimes", Document.class);
                Optional<OpTime> applied =
                    optimes == null
                        ? Optional.empty()
                        : OpTime.from(
                            optimes.get("appliedOpTime"), optimes.get("lastAppliedWallTime"));
                return applied.filter(o -> o.hasReached(goal));
              } catch (MongoException e) {
                return Optional.empty();
              }
            });
  }

  StepResult promoteBySwitchover(StepContext context, Duration timeout) throws ConnectorException {
    Sites sites = s.sites(context);
    List<MemberAnswer<MemberView>> answers = s.observe(timeout);
    ProbeAssembler.Topology topology = ProbeAssembler.topology(s.settings, answers);
    Optional<MemberView> target = MongoSteps.view(answers, sites.member().name());
    Map<String, String> facts = new LinkedHashMap<>();
    if (target.isEmpty()) {
      throw ConnectorException.notStarted(sites.member().name() + " does not answer", true, null);
    }
    if (target.get().writablePrimary()) {
      return alreadyPromoted(context, target.get());
    }
    if (topology.primary().isEmpty()
        || !topology.primary().get().site().equals(sites.source().name())) {
      return s.failed(
          "REFUSED: no single primary in " + sites.source().name() + "; nothing was changed",
          facts);
    }
    MemberView primary = topology.primary().get();
    OpTime primaryAt =
        primary
            .position()
            .orElseThrow(
                () -> ConnectorException.notStarted("the primary reports no optime", true, null));
    Optional<OpTime> targetAt =
        awaitTarget(
            sites.member(),
            primaryAt,
            MongoSteps.min(
                Duration.ofSeconds(s.settings.secondaryCatchUpPeriodSecs() + 1L), timeout));
    if (targetAt.isEmpty()) {
      return s.failed(
          "REFUSED: "
              + target.get().member()
              + " did not reach the primary's optime "
              + primaryAt
              + " (it was at "
              + target.get().appliedPosition().map(OpTime::value).orElse("?")
              + "); nothing was changed",
          facts);
    }
    long oldTerm = primary.term();
    MemberEndpoint primaryEndpoint = s.endpoint(primary.member());
    Document stepDown =
        new Document("replSetStepDown", s.settings.stepDownSecs())
            .append("secondaryCatchUpPeriodSecs", s.settings.secondaryCatchUpPeriodSecs());
    Duration commandTimeout = Duration.ofSeconds(s.settings.secondaryCatchUpPeriodSecs() + 30L);
    String stepDownNote = "stepped down";
    for (int attempt = 1; ; attempt++) {
      try {
        s.clients.run(primaryEndpoint, "admin", stepDown, commandTimeout);
        break;
      } catch (MongoCommandException e) {
        int code = e.getErrorCode();
        if (code == MongoFailures.EXCEEDED_TIME_LIMIT) {
          return s.failed(
              "REFUSED by MongoDB: "
                  + MongoFailures.describe(e)
                  + " — no electable secondary held "
                  + primary.member()
                  + "'s last optime within "
                  + s.settings.secondaryCatchUpPeriodSecs()
                  + " s; it stays primary and nothing was changed",
              facts);
        }
        if (code == MongoSteps.LOCK_TIMEOUT && attempt < 5) {
          Deadline.sleep(
              Duration.ofSeconds(2)); // SERVER-48154: drivers retry a transient LockTimeout
          continue;
        }
        if (code == MongoFailures.PRIMARY_STEPPED_DOWN
            || code == MongoFailures.NOT_WRITABLE_PRIMARY) {
          stepDownNote = "stepped down (" + MongoFailures.describe(e) + ")";
          break;
        }
        throw MongoFailures.forStep("replSetStepDown", primaryEndpoint.name(), e, s.sanitizer);
      } catch (MongoSocketException e) {
        stepDownNote =
            "the stepdown's answer was lost (" + e.getClass().getSimpleName() + "); roles re-read";
        break;
      } catch (MongoException e) {
        throw MongoFailures.forStep("replSetStepDown", primaryEndpoint.name(), e, s.sanitizer);
      }
    }
    Optional<OpTime> finalRead = Optional.empty();
    try {
      Document hello =
          s.clients.run(primaryEndpoint, "admin", new Document("hello", 1), Duration.ofSeconds(5));
      if (Boolean.TRUE.equals(hello.get("isWritablePrimary"))) {
        return StepResult.outcomeUnknown(
            primary.member()
                + " still answers as writable primary after replSetStepDown ("
                + stepDownNote
                + ")");
      }
      Document lastWrite = hello.get("lastWrite", Document.class);
      if (lastWrite != null) {
        finalRead = OpTime.from(lastWrite.get("opTime"), lastWrite.get("lastWriteDate"));
      }
    } catch (MongoException e) {
      // the old primary's final optime is then proven by the election (below) or not at all
    }
    Deadline deadline = Deadline.in(MongoSteps.min(s.settings.promoteTimeout(), timeout));
    Optional<MemberView> promoted =
        deadline.pollUntil(
            MongoSteps.POLL,
            () -> {
              List<MemberAnswer<MemberView>> now = s.observe(Duration.ofSeconds(5));
              return MongoSteps.view(now, sites.member().name())
                  .filter(MemberView::writablePrimary);
            });
    if (promoted.isEmpty()) {
      List<MemberAnswer<MemberView>> now = s.observe(Duration.ofSeconds(5));
      String who =
          ProbeAssembler.topology(s.settings, now)
              .primary()
              .map(MemberView::member)
              .orElse("no member");
      return new StepResult(
          StepOutcome.FAILED,
          primary.member()
              + " "
              + stepDownNote
              + " but "
              + sites.member().name()
              + " did not become primary within "
              + s.settings.promoteTimeout()
              + "; "
              + who
              + " is primary now. No write was lost by the"
              + " stepdown (MongoDB's gate), but the switchover did not happen",
          facts,
          Optional.empty());
    }
    MemberView now = promoted.get();
    Optional<OpTime> seen = now.seenAtElection().or(now::appliedPosition);
    Optional<OpTime> finalOld = Optional.empty();
    String how;
    if (finalRead.isPresent() && finalRead.get().term() == oldTerm) {
      finalOld = finalRead;
      how =
          "read on "
              + primary.member()
              + " after its stepdown; MongoDB refused writes from then on";
    } else if (seen.isPresent() && seen.get().term() == oldTerm) {
      finalOld = seen;
      how =
          primary.member()
              + " stepped down with MongoDB's catch-up gate and already follows the new"
              + " term; every write of term "
              + oldTerm
              + " came from it, so its final optime is the"
              + " target's last optime of that term";
    } else {
      how = "";
    }
    LossEvidence loss;
    if (seen.isPresent() && finalOld.isPresent()) {
      loss = Evidence.switchover(seen.get(), finalOld.get(), how);
      facts.put(MongoSteps.FINAL_OPTIME, finalOld.get().value());
      facts.put(MongoSteps.TARGET_OPTIME, seen.get().value());
    } else {
      loss =
          LossEvidence.unavailable(
              "the old primary's final optime of term "
                  + oldTerm
                  + " could not be read and the target's"
                  + " optime at election was of another term");
    }
    facts.put(MongoSteps.CONCLUSION, loss.conclusion().name());
    facts.put(MongoSteps.EVIDENCE, loss.statement());
    StepResult done =
        new StepResult(
            StepOutcome.SUCCEEDED,
            sites.member().name()
                + " is primary (term "
                + now.term()
                + "); "
                + primary.member()
                + " "
                + stepDownNote
                + "\n"
                + loss.statement(),
            facts,
            Optional.empty());
    StepResult result = seen.isPresent() ? done.withMarker(seen.get().marker()) : done;
    return result.withLoss(loss);
  }

  StepResult alreadyPromoted(StepContext context, MemberView target) {
    Optional<OpTime> last = context.fact(MongoSteps.FINAL_OPTIME).flatMap(OpTime::parse);
    Optional<OpTime> reached = context.fact(MongoSteps.TARGET_OPTIME).flatMap(OpTime::parse);
    LossEvidence loss =
        last.isPresent() && reached.isPresent()
            ? Evidence.switchover(reached.get(), last.get(), "recorded when it was promoted")
            : LossEvidence.unavailable(
                target.member()
                    + " was found already primary and the run that promoted it recorded no"
                    + " final optime");
    return s.succeeded(target.member() + " is already primary (a re-run)\n" + loss.statement())
        .withLoss(loss);
  }
}
