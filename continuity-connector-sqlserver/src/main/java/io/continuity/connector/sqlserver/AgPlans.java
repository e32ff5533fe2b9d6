package io.continuity.connector.sqlserver;

import static io.continuity.connector.support.StandardStepIds.CAPTURE_MARKERS;
import static io.continuity.connector.support.StandardStepIds.FENCE_OLD_PRIMARY;
import static io.continuity.connector.support.StandardStepIds.OBSERVE_REPLAY;
import static io.continuity.connector.support.StandardStepIds.POSTCHECK_ROLES;
import static io.continuity.connector.support.StandardStepIds.PRECHECK_FAILBACK;
import static io.continuity.connector.support.StandardStepIds.PRECHECK_REPLICATION;
import static io.continuity.connector.support.StandardStepIds.PRECHECK_TARGET;
import static io.continuity.connector.support.StandardStepIds.PROMOTE_TARGET;
import static io.continuity.connector.support.StandardStepIds.RESYNC_TARGET;
import static io.continuity.connector.support.StandardStepIds.VALIDATE_STANDBY_READS;
import static io.continuity.connector.support.StandardStepIds.VERIFY_WRITES;
import static io.continuity.connector.support.StandardStepIds.WAIT_FOR_CATCH_UP;

import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.PlanStep;
import io.continuity.connector.api.StepKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The step lists of the four operations (brief §2.4–2.7). Every step but {@code promote-target} can
 * run again after an interruption with the same effect: checks and waits look, the mode changes set
 * a value, HADR RESUME of a resumed database does nothing. The promote is declared not idempotent
 * (a second FAILOVER or FORCE_FAILOVER_ALLOW_DATA_LOSS is a new role change); run again it
 * re-checks its gate and accepts a target that is already primary as done.
 */
final class AgPlans {

  /** Connector-specific step ids (no standard name for these moves). */
  static final String SET_SYNCHRONOUS_COMMIT = "set-synchronous-commit";

  static final String RESTORE_COMMIT_MODES = "restore-commit-modes";

  static final String RESUME_SITE_SECONDARIES = "resume-site-secondaries";

  private static final Duration CHECK = Duration.ofSeconds(30);

  private final AgSettings settings;

  AgPlans(AgSettings settings) {
    this.settings = settings;
  }

  OperationPlan plan(OperationType type, String target, String source) {
    List<PlanStep> steps = new ArrayList<>();
    String group = settings.availabilityGroup();
    switch (type) {
      case SWITCHOVER -> {
        steps.add(precheckReplication(source, target));
        addPlannedFailover(steps, source, target, group);
      }
      case FAILBACK -> {
        steps.add(
            step(
                PRECHECK_FAILBACK,
                "Check the failback",
                StepKind.PRECHECK,
                "A replica of "
                    + target
                    + " (the configured primary) must answer as SECONDARY of "
                    + group
                    + " and a replica of "
                    + source
                    + " must be PRIMARY; lists the databases suspended after the forced failover.",
                CHECK,
                true));
        steps.add(
            step(
                RESYNC_TARGET,
                "Resume data movement on the old primary",
                StepKind.ACTION,
                "ALTER DATABASE … SET HADR RESUME for every suspended database on "
                    + target
                    + "'s replica, then wait until each is SYNCHRONIZING. Resuming rolls back the"
                    + " log records that were never committed on the new primary: writes the old"
                    + " primary took after the forced failover are discarded (the output names"
                    + " the LSN range).",
                settings.catchUpTimeout().plus(CHECK),
                true));
        addPlannedFailover(steps, source, target, group);
      }
      case FAILOVER -> {
        steps.add(
            step(
                PRECHECK_TARGET,
                "Check the failover target",
                StepKind.PRECHECK,
                "A replica of "
                    + target
                    + " must answer as SECONDARY or RESOLVING, with no database REVERTING or"
                    + " INITIALIZING (such a database cannot come online as primary); "
                    + source
                    + " may be down.",
                CHECK,
                true));
        steps.add(
            step(
                FENCE_OLD_PRIMARY,
                "Fence the old primary",
                StepKind.ACTION,
                "Run "
                    + source
                    + "'s 'action.fence' host action so clients cannot reach the old primary"
                    + " (split-brain risk of a forced failover), then check no replica of "
                    + source
                    + " answers as PRIMARY.",
                CHECK.multipliedBy(2),
                true));
        steps.add(
            step(
                CAPTURE_MARKERS,
                "Capture the markers that bound the loss",
                StepKind.ACTION,
                "Read the target's last_hardened_lsn, last_commit_time and is_failover_ready per"
                    + " database.",
                CHECK,
                true));
        steps.add(
            step(
                PROMOTE_TARGET,
                "Force the failover",
                StepKind.ACTION,
                "ALTER AVAILABILITY GROUP ["
                    + group
                    + "] FORCE_FAILOVER_ALLOW_DATA_LOSS on the target, refused while a replica of "
                    + source
                    + " still answers as PRIMARY. Not idempotent: run again, it accepts a target"
                    + " that is already primary. States the potential loss per database.",
                CHECK,
                false));
        steps.add(
            step(
                RESUME_SITE_SECONDARIES,
                "Resume the other replicas of the new primary's site",
                StepKind.ACTION,
                "A forced failover suspends every secondary database (SUSPEND_FROM_PARTNER)."
                    + " SET HADR RESUME on the other replicas of "
                    + target
                    + " whose log is not ahead of the new primary's, so resuming rolls nothing"
                    + " back; replicas of "
                    + source
                    + " stay suspended for the failback (their log may hold the only copy of lost"
                    + " writes).",
                CHECK,
                true));
        steps.add(verifyWrites(target));
        steps.add(postcheckRoles(target));
      }
      case DRILL -> {
        steps.add(precheckReplication(source, target));
        steps.add(
            step(
                VALIDATE_STANDBY_READS,
                "Read on the DR replica",
                StepKind.ACTION,
                "Connect to "
                    + target
                    + "'s replica with ApplicationIntent=ReadOnly (its"
                    + " secondary_role_allow_connections must be READ_ONLY or ALL) and read every"
                    + " database. Roles never change.",
                CHECK,
                true));
        steps.add(
            step(
                OBSERVE_REPLAY,
                "Watch the DR replica redo",
                StepKind.ACTION,
                "Read last_redone_lsn on the DR replica until it reaches the primary's"
                    + " end_of_log_lsn read at the start of the step, or advances.",
                settings.catchUpTimeout(),
                true));
        steps.add(
            step(
                POSTCHECK_ROLES,
                "Check roles are unchanged",
                StepKind.POSTCHECK,
                "The primary is still in " + source + ".",
                CHECK,
                true));
      }
    }
    return new OperationPlan(type, target, steps);
  }

  private void addPlannedFailover(
      List<PlanStep> steps, String source, String target, String group) {
    steps.add(
        step(
            SET_SYNCHRONOUS_COMMIT,
            "Switch both replicas to synchronous commit",
            StepKind.ACTION,
            "On the primary: ALTER AVAILABILITY GROUP ["
                + group
                + "] MODIFY REPLICA … WITH (AVAILABILITY_MODE = SYNCHRONOUS_COMMIT) for the"
                + " primary and the target replica (a planned failover needs both synchronous);"
                + " the original modes are recorded and restored later or on failure.",
            CHECK,
            true));
    steps.add(
        step(
            WAIT_FOR_CATCH_UP,
            "Wait until the target is synchronized",
            StepKind.ACTION,
            "Wait until every database on "
                + target
                + "'s replica is SYNCHRONIZED, is_failover_ready = 1 in the cluster and its"
                + " last_hardened_lsn has reached the primary's end_of_log_lsn; on timeout the"
                + " original commit modes are restored and the step fails.",
            settings.catchUpTimeout().plus(CHECK),
            true));
    steps.add(
        step(
            PROMOTE_TARGET,
            "Planned failover",
            StepKind.ACTION,
            "Re-check the gate, then ALTER AVAILABILITY GROUP ["
                + group
                + "] FAILOVER on the target (error 41142 if a database is not synchronized: a"
                + " refusal). Not idempotent: run again, it accepts a target that is already"
                + " primary.",
            settings.catchUpTimeout().plus(CHECK),
            false));
    steps.add(
        step(
            RESTORE_COMMIT_MODES,
            "Restore the commit modes",
            StepKind.ACTION,
            settings.restoreCommitModes()
                ? "On the new primary: set each replica back to the availability mode it had"
                    + " before the run."
                : "Nothing to do: 'restoreCommitModes' is false, both replicas stay synchronous.",
            CHECK,
            true));
    steps.add(verifyWrites(target));
    steps.add(postcheckRoles(target));
  }

  private PlanStep precheckReplication(String source, String target) {
    return step(
        PRECHECK_REPLICATION,
        "Check replication",
        StepKind.PRECHECK,
        "The primary must be in "
            + source
            + "; a replica of "
            + target
            + " must be SECONDARY, CONNECTED, with every database joined, not suspended and"
            + " SYNCHRONIZING or SYNCHRONIZED; the cluster type must be "
            + settings.clusterType()
            + ".",
        CHECK,
        true);
  }

  private PlanStep verifyWrites(String target) {
    return step(
        VERIFY_WRITES,
        "Check the new primary takes writes",
        StepKind.POSTCHECK,
        "Wait until every database on "
            + target
            + "'s replica is the primary copy, ONLINE and READ_WRITE (the failover command"
            + " returns before recovery finishes).",
        settings.recoveryTimeout().plus(CHECK),
        true);
  }

  private PlanStep postcheckRoles(String target) {
    return step(
        POSTCHECK_ROLES,
        "Check roles",
        StepKind.POSTCHECK,
        "Exactly one replica answers as PRIMARY, in "
            + target
            + "; reports each other replica's role and its databases' synchronization.",
        CHECK,
        true);
  }

  private static PlanStep step(
      String id, String name, StepKind kind, String description, Duration t, boolean idem) {
    return new PlanStep(id, name, kind, description, t, idem);
  }
}
