package io.continuity.server.execution;

import io.continuity.core.audit.AttemptDenied;
import io.continuity.core.audit.GenericAuditEvent;
import io.continuity.core.execution.ExecutionRequestSnapshot;
import io.continuity.core.execution.ExecutionState;
import io.continuity.core.identity.Actor;
import io.continuity.core.identity.Role;
import io.continuity.server.audit.AuditRecord;
import io.continuity.server.audit.AuditTrail;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Overrides of failed prechecks (design §6: "block start or require override"). Where policy
 * ({@code continuity.execution.overridable-prechecks}) allows, a person holding APPROVER who is
 * neither the requester nor the one who confirms may let one failed check of one request pass, with
 * a reason. The override is stored with its {@code PRECHECK_OVERRIDDEN} audit event in one
 * transaction (the approvers are notified from that event) and counts at confirmation only while
 * the check still fails, only for a confirmer other than the overrider, and only before the start.
 */
@Service
public class PrecheckOverrides {

  static final int MAX_REASON = 2000;
  private static final Logger log = LoggerFactory.getLogger(PrecheckOverrides.class);

  private final ExecutionRequests requests;
  private final Prechecks prechecks;
  private final PrecheckOverrideRepository repository;
  private final ExecutionEngineProperties properties;
  private final AuditTrail audit;
  private final TransactionTemplate tx;
  private final Clock clock;

  PrecheckOverrides(
      ExecutionRequests requests,
      Prechecks prechecks,
      PrecheckOverrideRepository repository,
      ExecutionEngineProperties properties,
      AuditTrail audit,
      PlatformTransactionManager transactions,
      Clock clock) {
    this.requests = requests;
    this.prechecks = prechecks;
    this.repository = repository;
    this.properties = properties;
    this.audit = audit;
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  /**
   * Records an override of the failed check {@code checkId} ({@code resource/check}) of a request
   * that has not started.
   *
   * @throws OverrideRefusedException when the input, the person, the request or the check does not
   *     allow it
   */
  public PrecheckOverride override(String id, Actor actor, String checkId, String reason) {
    if (checkId == null || checkId.isBlank()) {
      throw invalid(
          "check",
          "check is required: the qualified id of a failed precheck, for"
              + " example orders-db/replication-lag (see the plan's prechecks)");
    }
    if (reason == null || reason.isBlank()) {
      throw invalid("reason", "reason is required: say why it is safe to go on despite the check");
    }
    if (reason.length() > MAX_REASON) {
      throw invalid("reason", "reason is longer than " + MAX_REASON + " characters");
    }
    ExecutionRequestSnapshot request =
        requests.find(id).orElseThrow(() -> new ExecutionNotFoundException(id));
    whyNotOverrider(request, actor)
        .ifPresent(
            why -> {
              throw denied(request, actor, why);
            });
    if (request.state() != ExecutionState.APPROVED
        && request.state() != ExecutionState.READY_TO_START) {
      throw conflict(
          "execution "
              + id
              + " is "
              + request.state()
              + ": prechecks are overridden only between approval and start");
    }
    List<CheckResult> checks = prechecks.run(request, false);
    CheckResult check =
        checks.stream()
            .filter(c -> c.qualifiedId().equals(checkId.strip()))
            .findFirst()
            .orElseThrow(
                () ->
                    invalid(
                        "check",
                        "no precheck "
                            + checkId
                            + " on execution "
                            + id
                            + "; its checks are "
                            + checks.stream().map(CheckResult::qualifiedId).distinct().toList()));
    if (check.passed()) {
      throw conflict(
          checkId + " passes now (" + check.detail() + "): there is nothing to override");
    }
    if (!check.overridable()) {
      throw conflict(
          checkId
              + " cannot be overridden (continuity.execution.overridable-prechecks is "
              + new TreeSet<>(properties.overridablePrechecks())
              + "): fix what it reports: "
              + check.detail());
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    try {
      return tx.execute(
          status -> {
            AuditRecord recorded =
                audit.append(
                    new GenericAuditEvent(
                        "PRECHECK_OVERRIDDEN",
                        actor.id(),
                        now,
                        Optional.of(id),
                        Optional.of(check.resourceId()),
                        reason.strip(),
                        request.changeTicket(),
                        Map.of("check", check.qualifiedId(), "detail", check.detail())));
            PrecheckOverride override =
                new PrecheckOverride(
                    id,
                    check.qualifiedId(),
                    actor.id(),
                    reason.strip(),
                    check.detail(),
                    now,
                    recorded.seq());
            repository.insert(override);
            return override;
          });
    } catch (DuplicateKeyException e) {
      String by =
          list(id).stream()
              .filter(o -> o.checkId().equals(check.qualifiedId()))
              .map(PrecheckOverride::actor)
              .findFirst()
              .orElse("someone");
      throw conflict(checkId + " is already overridden by " + by);
    }
  }

  /**
   * The checks of a request that fail now and that this person may override (none when they may
   * not, or the request is not between approval and start).
   */
  public List<CheckResult> openTo(String id, Actor actor) {
    ExecutionRequestSnapshot request =
        requests.find(id).orElseThrow(() -> new ExecutionNotFoundException(id));
    if (whyNotOverrider(request, actor).isPresent()
        || (request.state() != ExecutionState.APPROVED
            && request.state() != ExecutionState.READY_TO_START)) {
      return List.of();
    }
    List<String> done = list(id).stream().map(PrecheckOverride::checkId).toList();
    return prechecks.run(request, false).stream()
        .filter(c -> !c.passed() && c.overridable() && !done.contains(c.qualifiedId()))
        .toList();
  }

  /** The overrides of a request, oldest first. */
  public List<PrecheckOverride> list(String id) {
    return repository.of(id);
  }

  /**
   * The checks with the stored overrides applied for {@code confirmer}: a failed overridable check
   * with an override by someone else passes (saying by whom and why); an override by the confirmer
   * does not count.
   */
  List<CheckResult> apply(String id, List<CheckResult> checks, Actor confirmer) {
    return apply(repository.of(id), checks, confirmer);
  }

  /** {@link #apply(String, List, Actor)} on the given overrides. */
  static List<CheckResult> apply(
      List<PrecheckOverride> overrides, List<CheckResult> checks, Actor confirmer) {
    List<CheckResult> applied = new ArrayList<>(checks.size());
    for (CheckResult check : checks) {
      Optional<PrecheckOverride> override =
          overrides.stream().filter(o -> o.checkId().equals(check.qualifiedId())).findFirst();
      if (check.passed() || !check.overridable() || override.isEmpty()) {
        applied.add(check);
      } else if (override.get().actor().equals(confirmer.id())) {
        applied.add(
            check.withNote(
                "the override by "
                    + confirmer.id()
                    + " does not count when "
                    + confirmer.id()
                    + " confirms: another person confirms the start"));
      } else {
        applied.add(check.overridden(override.get()));
      }
    }
    return applied;
  }

  /** Why this person may not override the request's prechecks, or empty when they may. */
  static Optional<String> whyNotOverrider(ExecutionRequestSnapshot request, Actor actor) {
    if (actor.isSystem() || !actor.hasRole(Role.APPROVER)) {
      return Optional.of("overriding a precheck needs the role APPROVER");
    }
    if (request.createdBy().equals(actor.id())) {
      return Optional.of(
          "the requester may not override a precheck of their own request: another approver does");
    }
    return Optional.empty();
  }

  private OverrideRefusedException denied(
      ExecutionRequestSnapshot request, Actor actor, String why) {
    try {
      tx.executeWithoutResult(
          status ->
              audit.append(
                  new AttemptDenied(
                      request.subject(),
                      actor.id(),
                      clock.instant().truncatedTo(ChronoUnit.MICROS),
                      why,
                      "override-precheck",
                      "SEPARATION_OF_DUTIES")));
    } catch (RuntimeException e) {
      log.error("Could not audit the denied override by {}", actor.id(), e);
    }
    return new OverrideRefusedException(OverrideRefusedException.Kind.FORBIDDEN, null, why);
  }

  private static OverrideRefusedException invalid(String field, String message) {
    return new OverrideRefusedException(OverrideRefusedException.Kind.INVALID, field, message);
  }

  private static OverrideRefusedException conflict(String message) {
    return new OverrideRefusedException(OverrideRefusedException.Kind.CONFLICT, null, message);
  }
}
