package io.continuity.connector.mongodb;

import static io.continuity.connector.support.StandardStepIds.CAPTURE_MARKERS;
import static io.continuity.connector.support.StandardStepIds.FENCE_OLD_PRIMARY;
import static io.continuity.connector.support.StandardStepIds.OBSERVE_REPLAY;
import static io.continuity.connector.support.StandardStepIds.POSTCHECK_ROLES;
import static io.continuity.connector.support.StandardStepIds.PRECHECK_FAILBACK;
import static io.continuity.connector.support.StandardStepIds.PRECHECK_REPLICATION;
import static io.continuity.connector.support.StandardStepIds.PRECHECK_TARGET;
import static io.continuity.connector.support.StandardStepIds.PROMOTE_TARGET;
import static io.continuity.connector.support.StandardStepIds.REJOIN_OLD_PRIMARY;
import static io.continuity.connector.support.StandardStepIds.RESYNC_TARGET;
import static io.continuity.connector.support.StandardStepIds.VALIDATE_STANDBY_READS;
import static io.continuity.connector.support.StandardStepIds.VERIFY_WRITES;
import static io.continuity.connector.support.StandardStepIds.WAIT_FOR_CATCH_UP;

import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.OperationRequest;
import io.continuity.connector.api.PlanStep;
import io.continuity.connector.api.StepKind;
import java.time.Duration;
import java.util.List;

/** The plans of named steps for each operation (module README, "Plans"). */
final class MongoPlans {

  /** Freeze every other electable member so the target is the only candidate. */
  static final String FREEZE_OTHERS = "freeze-other-electables";

  /** Undo the freeze once the target is primary. */
  static final String UNFREEZE_OTHERS = "unfreeze-other-electables";

  private final MongoSettings settings;

  MongoPlans(MongoSettings settings) {
    this.settings = settings;
  }

  OperationPlan plan(OperationRequest request) throws ConnectorException {
    String target = settings.site(request.targetSite()).name();
    String targetMember = settings.targetOf(settings.site(target)).name();
    String source = settings.otherSite(settings.site(target)).name();
    List<PlanStep> steps =
        switch (request.type()) {
          case SWITCHOVER -> switchover(source, target, targetMember);
          case FAILOVER -> failover(source, target, targetMember);
          case DRILL -> drill(source, target, targetMember);
          case FAILBACK -> failback(source, target, targetMember);
        };
    return new OperationPlan(request.type(), target, steps);
  }

  private List<PlanStep> switchover(String source, String target, String member) {
    Duration catchUp = settings.catchUpTimeout().plusSeconds(5);
    Duration promote =
        settings.promoteTimeout().plusSeconds(settings.secondaryCatchUpPeriodSecs() + 10L);
    return List.of(
        step(
            PRECHECK_REPLICATION,
            "Check the set and the target",
            StepKind.PRECHECK,
            "Reads every member: one primary in "
                + source
                + ", "
                + member
                + " a SECONDARY that"
                + " can be elected (priority > 0 and not below any other electable member, one vote,"
                + " not hidden, no secondaryDelaySecs) within maxSwitchoverLag, every voting member"
                + " healthy. Changes nothing.",
            Duration.ofSeconds(30),
            true),
        step(
            FREEZE_OTHERS,
            "Freeze the other electable members",
            StepKind.ACTION,
            "replSetFreeze "
                + settings.freezeSecs()
                + " on every other electable secondary so "
                + member
                + " is the only candidate once the primary steps down (the freeze expires"
                + " by itself). Safe to run again.",
            Duration.ofSeconds(30),
            true),
        step(
            WAIT_FOR_CATCH_UP,
            "Wait for the target to catch up",
            StepKind.ACTION,
            "Waits until "
                + member
                + "'s applied optime, read on it, reaches the primary's last"
                + " written optime (up to catchUpTimeout). Changes nothing.",
            catchUp,
            true),
        step(
            PROMOTE_TARGET,
            "Step the primary down to the target",
            StepKind.ACTION,
            "Re-checks the catch-up gate, then replSetStepDown "
                + settings.stepDownSecs()
                + " with secondaryCatchUpPeriodSecs "
                + settings.secondaryCatchUpPeriodSecs()
                + " on the primary (MongoDB refuses with 262 ExceededTimeLimit unless a majority and an"
                + " electable secondary hold its last optime), waits for "
                + member
                + " to be PRIMARY and proves it holds the old primary's final optime. Not idempotent:"
                + " a re-run that finds "
                + member
                + " already primary reports the same evidence.",
            promote,
            false),
        step(
            UNFREEZE_OTHERS,
            "Unfreeze the other members",
            StepKind.ACTION,
            "replSetFreeze 0 on the members frozen before. Safe to run again.",
            Duration.ofSeconds(30),
            true),
        step(
            VERIFY_WRITES,
            "Verify a majority write",
            StepKind.POSTCHECK,
            "Inserts a document into "
                + settings.writeCheckDatabase()
                + "."
                + settings.writeCheckCollection()
                + " on "
                + member
                + " with writeConcern majority.",
            Duration.ofSeconds(30),
            true),
        step(
            POSTCHECK_ROLES,
            "Check the roles",
            StepKind.POSTCHECK,
            "Exactly one primary, " + member + " in " + target + ".",
            Duration.ofSeconds(30),
            true));
  }

  private List<PlanStep> failover(String source, String target, String member) {
    return List.of(
        step(
            PRECHECK_TARGET,
            "Check the target",
            StepKind.PRECHECK,
            member
                + " answers and is not primary; records the primary's optime if "
                + source
                + " still answers. Changes nothing.",
            Duration.ofSeconds(30),
            true),
        step(
            FENCE_OLD_PRIMARY,
            "Fence the old primary site",
            StepKind.ACTION,
            "Runs "
                + source
                + "'s action.fence, then checks that no member of "
                + source
                + " answers as primary (MongoDB: never force a reconfig while a primary exists)."
                + " Idempotent by the action's contract.",
            settings.actionTimeout().plusSeconds(30),
            true),
        step(
            CAPTURE_MARKERS,
            "Capture the markers",
            StepKind.ACTION,
            "Reads "
                + member
                + "'s applied and durable optimes on it and the last primary optime"
                + " observed, and states the loss window. Changes nothing.",
            Duration.ofSeconds(30),
            true),
        step(
            PROMOTE_TARGET,
            "Force the survivors' configuration",
            StepKind.ACTION,
            "replSetReconfig with force: true on "
                + member
                + " keeping only the members of "
                + target
                + " that answer, then waits for "
                + member
                + " to be PRIMARY. Not idempotent (a forced"
                + " reconfig raises the version each time): a re-run that finds "
                + member
                + " primary does nothing again.",
            settings.promoteTimeout().plusSeconds(10),
            false),
        step(
            VERIFY_WRITES,
            "Verify a majority write",
            StepKind.POSTCHECK,
            "Inserts a document on " + member + " with writeConcern majority.",
            Duration.ofSeconds(30),
            true),
        step(
            POSTCHECK_ROLES,
            "Check the roles",
            StepKind.POSTCHECK,
            "Exactly one primary, "
                + member
                + " in "
                + target
                + "; no member of "
                + source
                + " takes writes.",
            Duration.ofSeconds(30),
            true));
  }

  private List<PlanStep> failback(String source, String target, String member) {
    List<PlanStep> switchBack = switchover(source, target, member);
    List<PlanStep> steps = new java.util.ArrayList<>();
    steps.add(
        step(
            PRECHECK_FAILBACK,
            "Check the returning members",
            StepKind.PRECHECK,
            "One primary, in "
                + source
                + "; every member of "
                + target
                + " answers (start them"
                + " first) and its own last optime is recorded. Changes nothing.",
            Duration.ofSeconds(30),
            true));
    steps.add(
        step(
            REJOIN_OLD_PRIMARY,
            "Add the returning members back",
            StepKind.ACTION,
            "On the primary, a normal replSetReconfig per member of "
                + target
                + " missing from the"
                + " config (one voting member at a time, as MongoDB requires), waiting for each to be"
                + " SECONDARY. Members already in the config are left alone: safe to run again.",
            settings.catchUpTimeout().multipliedBy(3).plusSeconds(30),
            true));
    steps.add(
        step(
            RESYNC_TARGET,
            "Wait for resync; report rolled-back writes",
            StepKind.ACTION,
            "Waits until every member of "
                + target
                + " is SECONDARY and holds the primary's optime,"
                + " and reports the writes each rolled back (optimes after the new primary's optime at"
                + " its election): MongoDB keeps them in rollback files, which Continuity never deletes.",
            settings.catchUpTimeout().plusSeconds(10),
            true));
    switchBack.stream().filter(p -> p.kind() != StepKind.PRECHECK).forEach(steps::add);
    return steps;
  }

  private List<PlanStep> drill(String source, String target, String member)
      throws ConnectorException {
    List<PlanStep> steps = new java.util.ArrayList<>();
    steps.add(
        step(
            PRECHECK_REPLICATION,
            "Check the set and the target",
            StepKind.PRECHECK,
            "Reads every member: one primary in "
                + source
                + ", "
                + member
                + " a SECONDARY."
                + " Changes nothing.",
            Duration.ofSeconds(30),
            true));
    steps.add(
        step(
            VALIDATE_STANDBY_READS,
            "Read on the DR member",
            StepKind.ACTION,
            "Runs find on "
                + settings.drillDatabase()
                + "."
                + settings.drillCollection()
                + " on "
                + member
                + " over a direct connection. Read-only.",
            Duration.ofSeconds(30),
            true));
    steps.add(
        step(
            OBSERVE_REPLAY,
            "Watch replication progress",
            StepKind.ACTION,
            "Reads "
                + member
                + "'s applied optime twice "
                + settings.drillWindow()
                + " apart and checks it keeps up with the primary. Read-only.",
            settings.drillWindow().plusSeconds(30),
            true));
    if (settings.action(settings.site(target), "clone").isPresent()) {
      steps.add(
          step(
              CloneDrillSteps.CREATE_CLONE,
              "Create an isolated clone",
              StepKind.ACTION,
              "Runs "
                  + target
                  + "'s action.clone, which snapshots a member and starts the copy"
                  + " standalone (no --replSet), and reads 'clone-endpoint: <host>:<port>' from its"
                  + " output; an endpoint that is a production member is refused.",
              settings.actionTimeout().plusSeconds(10),
              true));
      steps.add(
          step(
              CloneDrillSteps.VALIDATE_CLONE,
              "Read and write on the clone",
              StepKind.ACTION,
              "Refuses a clone that reports a replica set; counts "
                  + settings.drillDatabase()
                  + "."
                  + settings.drillCollection()
                  + " and commits a drill write on the clone only.",
              Duration.ofSeconds(30),
              true));
      steps.add(
          step(
              CloneDrillSteps.DISCARD_CLONE,
              "Discard the clone",
              StepKind.ACTION,
              "Runs "
                  + target
                  + "'s action.discard-clone and checks the clone's port no longer"
                  + " accepts connections. Safe to run again.",
              settings.actionTimeout().plusSeconds(15),
              true));
    }
    steps.add(
        step(
            POSTCHECK_ROLES,
            "Check the roles did not change",
            StepKind.POSTCHECK,
            "The primary is still in " + source + ".",
            Duration.ofSeconds(30),
            true));
    return steps;
  }

  private static PlanStep step(
      String id,
      String name,
      StepKind kind,
      String description,
      Duration timeout,
      boolean idempotent) {
    return new PlanStep(id, name, kind, description, timeout, idempotent);
  }
}
