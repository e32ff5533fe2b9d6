package io.continuity.server.inventory;

import io.continuity.core.audit.GenericAuditEvent;
import io.continuity.core.identity.Actor;
import io.continuity.core.inventory.Resource;
import io.continuity.server.audit.AuditTrail;
import io.continuity.server.inventory.InventoryRepository.Kind;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the stored inventory in step with its files and holds the in-memory snapshot every read
 * uses. A reconcile parses all files; any error changes nothing (store and snapshot untouched, an
 * {@code INVENTORY_RELOAD_REFUSED} audit event). A valid inventory is applied in one transaction
 * with its audit events, then the snapshot is swapped and {@link InventoryChanged} published. See
 * docs/decisions/005-inventory-reconciliation.md.
 */
@Service
public class InventoryReconciler {

  /** The actor of reconciles the server does by itself (at start-up). */
  public static final String SYSTEM_ACTOR = "system:inventory";

  private static final Logger log = LoggerFactory.getLogger(InventoryReconciler.class);
  private static final int MAX_DETAIL = 4000;

  /** The reason recorded on a request a reload cancels ({@code cancelPending}). */
  public static final String CANCEL_REASON = "inventory reload";

  private final InventoryLoader loader;
  private final InventoryProperties properties;
  private final InventoryRepository repository;
  private final StoreReconciliation reconciliation;
  private final AuditTrail audit;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final ApplicationEventPublisher events;
  private final Supplier<ExecutionsInFlight> executions;

  private volatile InventorySnapshot snapshot = InventorySnapshot.EMPTY;
  private volatile long snapshotGeneration = -1;
  private volatile ReloadOutcome lastReload;

  @Autowired
  InventoryReconciler(
      InventoryLoader loader,
      InventoryProperties properties,
      InventoryRepository repository,
      AuditTrail audit,
      PlatformTransactionManager transactions,
      Clock clock,
      ApplicationEventPublisher events,
      ObjectProvider<ExecutionsInFlight> executions) {
    this(
        loader,
        properties,
        repository,
        audit,
        transactions,
        clock,
        events,
        () -> executions.getIfAvailable(() -> ExecutionsInFlight.NONE));
  }

  /** A reconciler that knows of no executions (tests of the inventory alone). */
  InventoryReconciler(
      InventoryLoader loader,
      InventoryProperties properties,
      InventoryRepository repository,
      AuditTrail audit,
      PlatformTransactionManager transactions,
      Clock clock,
      ApplicationEventPublisher events) {
    this(
        loader,
        properties,
        repository,
        audit,
        transactions,
        clock,
        events,
        () -> ExecutionsInFlight.NONE);
  }

  InventoryReconciler(
      InventoryLoader loader,
      InventoryProperties properties,
      InventoryRepository repository,
      AuditTrail audit,
      PlatformTransactionManager transactions,
      Clock clock,
      ApplicationEventPublisher events,
      Supplier<ExecutionsInFlight> executions) {
    this.executions = executions;
    this.loader = loader;
    this.properties = properties;
    this.repository = repository;
    this.reconciliation = new StoreReconciliation(repository, audit);
    this.audit = audit;
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock;
    this.events = events;
  }

  /** {@link #reload(Actor, boolean)} by this user id, cancelling nothing. */
  public ReloadOutcome reload(String actor) {
    return reload(new Actor(actor, Set.of()), false);
  }

  /**
   * Reconciles with the files as a person asked. A change that touches a resource with an execution
   * that has not ended is refused (see {@link ReloadGuard}); with {@code cancelPending}, requests
   * that have not started are cancelled by {@code actor} instead, in the transaction that applies
   * the files.
   *
   * @return the outcome; when refused, nothing changed and the errors say what to fix
   */
  public synchronized ReloadOutcome reload(Actor actor, boolean cancelPending) {
    ReloadOutcome outcome = reconcile(actor, true, parse(), cancelPending);
    if (!outcome.ok()) {
      log.warn("Inventory reload by {} refused:\n{}", actor.id(), errorLines(outcome.errors()));
    }
    return outcome;
  }

  /** The configured files, the size of the inventory and the last reload outcome. */
  public InventoryStatus status() {
    InventorySnapshot now = snapshot;
    return new InventoryStatus(
        files(), now.resources().size(), now.groups().size(), Optional.ofNullable(lastReload));
  }

  /**
   * The start-up reconcile. A bad file with an inventory stored before: the server keeps the stored
   * inventory and reports the errors (log, audit, {@link #status()}). A bad file with nothing ever
   * stored: refuses to start.
   *
   * @return the change to announce once the application is up, if the files were applied
   * @throws InvalidInventoryException listing every error when nothing was ever stored
   */
  synchronized Optional<InventoryChanged> startUp() {
    InventoryParseResult parsed = parse();
    if (!parsed.isValid() && repository.generation() == 0) {
      throw new InvalidInventoryException(parsed.errors());
    }
    ReloadOutcome outcome = reconcile(Actor.system("inventory"), false, parsed, false);
    if (!outcome.ok()) {
      log.error(
          "The inventory files have {} error(s); running with the inventory stored before"
              + " (fix the files and POST /api/v1/inventory/reload):\n{}",
          outcome.errors().size(),
          errorLines(outcome.errors()));
      return Optional.empty();
    }
    return Optional.of(new InventoryChanged(outcome.at(), SYSTEM_ACTOR, outcome.diff().get()));
  }

  /** Records that an execution made {@code newPrimarySite} primary; audited. */
  synchronized void recordRoleChange(String resourceId, String newPrimarySite, String executionId) {
    Resource resource =
        snapshot
            .resource(resourceId)
            .orElseThrow(() -> new NoSuchElementException("no resource " + resourceId));
    if (!newPrimarySite.equals(resource.primarySite().name())
        && !newPrimarySite.equals(resource.drSite().name())) {
      throw new IllegalArgumentException(
          "site '"
              + newPrimarySite
              + "' is not a site of resource "
              + resourceId
              + "; its sites are "
              + resource.primarySite().name()
              + " and "
              + resource.drSite().name());
    }
    Instant at = clock.instant();
    String previous = snapshot.currentPrimarySites().get(resourceId);
    tx.executeWithoutResult(
        status -> {
          repository.lockState();
          repository.setCurrentPrimarySite(resourceId, newPrimarySite, at);
          audit.append(
              new GenericAuditEvent(
                  "RESOURCE_ROLE_CHANGED",
                  SYSTEM_ACTOR,
                  at,
                  Optional.of(executionId),
                  Optional.of(resourceId),
                  "execution " + executionId + " made " + newPrimarySite + " primary",
                  Optional.empty(),
                  Map.of("from", previous, "to", newPrimarySite)));
        });
    snapshot = loadSnapshot();
  }

  InventorySnapshot snapshot() {
    return snapshot;
  }

  /**
   * Reloads the snapshot from the store when another instance sharing it reconciled since this one
   * last loaded (the stored generation moved). Cheap when nothing changed: one row read.
   *
   * @return true when the snapshot was reloaded
   */
  synchronized boolean refreshIfStale() {
    long stored = repository.generation();
    if (stored == snapshotGeneration) {
      return false;
    }
    long seen = snapshotGeneration;
    snapshot = loadSnapshot();
    log.info(
        "Inventory reloaded from the store (generation {} -> {}): {} resources, {} groups",
        seen,
        stored,
        snapshot.resources().size(),
        snapshot.groups().size());
    return true;
  }

  /**
   * The primary site as stored now. Read from the store, not the snapshot: another instance sharing
   * the store may have recorded a role change this instance's snapshot has not seen.
   */
  Optional<String> storedPrimarySite(String resourceId) {
    return repository.currentPrimarySite(resourceId);
  }

  List<Revision> revisions(Kind kind, String id) {
    return repository.revisions(kind, id);
  }

  /**
   * @param requested true when a person asked: audited and announced even when nothing changed
   */
  private ReloadOutcome reconcile(
      Actor by, boolean requested, InventoryParseResult parsed, boolean cancelPending) {
    String actor = by.id();
    Instant at = clock.instant();
    if (!parsed.isValid()) {
      return refuse(ReloadOutcome.refused(at, actor, files(), parsed.errors()));
    }
    InventoryDocument next = parsed.orElseThrow();
    List<String> cancelled = new ArrayList<>();
    StoreReconciliation.Applied applied;
    try {
      applied =
          tx.execute(
              status -> {
                StoreReconciliation.Applied result =
                    reconciliation.apply(
                        next,
                        actor,
                        at,
                        current ->
                            cancelled.addAll(guard(current, next, by, cancelPending, requested)));
                if (requested || !result.diff().isEmpty()) {
                  Map<String, String> details = reloadDetails(result);
                  if (!cancelled.isEmpty()) {
                    details.put("executionsCancelled", ids(cancelled));
                  }
                  audit.append(
                      GenericAuditEvent.of(
                          "INVENTORY_RELOADED",
                          actor,
                          at,
                          "inventory reconciled with " + String.join(", ", files()),
                          details));
                }
                return result;
              });
    } catch (ReloadRefusedException e) {
      return refuse(ReloadOutcome.refused(at, actor, files(), e.errors()));
    }
    snapshot = loadSnapshot();
    ReloadOutcome outcome =
        ReloadOutcome.applied(
            at, actor, files(), applied.diff(), applied.restoredResources(), cancelled);
    lastReload = outcome;
    if (requested) {
      events.publishEvent(new InventoryChanged(at, actor, applied.diff()));
    }
    log.info("Inventory reconciled by {}: {}", actor, summary(applied.diff()));
    return outcome;
  }

  private ReloadOutcome refuse(ReloadOutcome refused) {
    auditRefusal(refused);
    lastReload = refused;
    snapshot = loadSnapshot();
    return refused;
  }

  /**
   * Refuses (throws) a change that touches a resource with an execution that has not ended, or
   * cancels the requests that have not started when asked to; in the reconcile's transaction, under
   * the inventory state lock, before anything is written.
   *
   * @return the ids of the requests cancelled
   */
  private List<String> guard(
      InventoryDocument current,
      InventoryDocument next,
      Actor actor,
      boolean cancelPending,
      boolean requested) {
    ExecutionsInFlight inFlight = executions.get();
    String fallbackFile = files().isEmpty() ? "continuity.inventory" : files().get(0);
    ReloadGuard.Verdict verdict =
        ReloadGuard.check(current, next, inFlight.list(), cancelPending, fallbackFile, requested);
    if (!verdict.errors().isEmpty()) {
      throw new ReloadRefusedException(verdict.errors());
    }
    List<String> cancelled = new ArrayList<>();
    for (InFlightExecution execution : verdict.toCancel()) {
      try {
        inFlight.cancel(execution.executionId(), actor, CANCEL_REASON);
      } catch (RuntimeException e) {
        throw new ReloadRefusedException(
            List.of(
                new InventoryError(
                    fallbackFile,
                    0,
                    "",
                    "execution "
                        + execution.executionId()
                        + " could not be cancelled ("
                        + e.getMessage()
                        + "); nothing was changed: reload again")));
      }
      cancelled.add(execution.executionId());
    }
    return cancelled;
  }

  /** A reload refused inside its transaction: rolls it back. */
  private static final class ReloadRefusedException extends RuntimeException {
    private final transient List<InventoryError> errors;

    ReloadRefusedException(List<InventoryError> errors) {
      super("inventory reload refused", null, false, false);
      this.errors = List.copyOf(errors);
    }

    List<InventoryError> errors() {
      return errors;
    }
  }

  /**
   * The files parsed as one inventory, or refused when no file is configured although the store
   * holds an active inventory: an unset property must not remove every resource.
   */
  private InventoryParseResult parse() {
    if (properties.paths().isEmpty() && !loadSnapshot().isEmpty()) {
      return new InventoryParseResult.Invalid(
          List.of(
              new InventoryError(
                  "continuity.inventory",
                  0,
                  "",
                  "no inventory file is configured but the store holds an inventory; set"
                      + " continuity.inventory to the inventory files (to remove every resource"
                      + " on purpose, configure an empty file)")));
    }
    return loader.parse();
  }

  private void auditRefusal(ReloadOutcome refused) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("files", String.join(",", refused.files()));
    details.put("errorCount", String.valueOf(refused.errors().size()));
    details.put("errors", truncate(errorLines(refused.errors())));
    try {
      audit.append(
          GenericAuditEvent.of(
              "INVENTORY_RELOAD_REFUSED",
              refused.actor(),
              refused.at(),
              "the inventory files have errors; nothing was changed",
              details));
    } catch (RuntimeException e) {
      log.error("Could not audit the refused inventory reload of {}", refused.actor(), e);
    }
  }

  private Map<String, String> reloadDetails(StoreReconciliation.Applied applied) {
    InventoryDiff d = applied.diff();
    Map<String, String> details = new LinkedHashMap<>();
    details.put("files", String.join(",", files()));
    details.put("resourcesAdded", ids(d.addedResources()));
    details.put("resourcesChanged", ids(d.changedResources()));
    details.put("resourcesRemoved", ids(d.removedResources()));
    details.put("resourcesRestored", ids(applied.restoredResources()));
    details.put("groupsAdded", ids(d.addedGroups()));
    details.put("groupsChanged", ids(d.changedGroups()));
    details.put("groupsRemoved", ids(d.removedGroups()));
    details.put("counts", summary(d));
    return details;
  }

  /** The stored inventory now; remembers its generation (read first: a race only reloads twice). */
  private InventorySnapshot loadSnapshot() {
    snapshotGeneration = repository.generation();
    return InventorySnapshot.of(repository.all(Kind.RESOURCE), repository.all(Kind.GROUP));
  }

  private List<String> files() {
    return properties.inventory();
  }

  private static String summary(InventoryDiff d) {
    return String.format(
        "resources +%d ~%d -%d, groups +%d ~%d -%d",
        d.addedResources().size(),
        d.changedResources().size(),
        d.removedResources().size(),
        d.addedGroups().size(),
        d.changedGroups().size(),
        d.removedGroups().size());
  }

  private static String ids(List<String> ids) {
    return truncate(String.join(",", ids));
  }

  private static String errorLines(List<InventoryError> errors) {
    return errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n"));
  }

  private static String truncate(String text) {
    return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "...";
  }
}
