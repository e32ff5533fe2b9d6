package io.continuity.server.inventory;

import io.continuity.core.audit.GenericAuditEvent;
import io.continuity.core.inventory.Resource;
import io.continuity.server.audit.AuditTrail;
import io.continuity.server.inventory.InventoryRepository.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Applies a valid inventory document to the store inside the caller's transaction: adds, changes,
 * restores and removals of resources and groups, one revision and one audit event each. Removal
 * only marks the row. The site that is primary now survives a change as long as the resource still
 * has a site of that name; otherwise it falls back to the configured primary, which the audit event
 * says.
 */
final class StoreReconciliation {

  /** What was applied. */
  record Applied(InventoryDiff diff, List<String> restoredResources) {}

  private final InventoryRepository repository;
  private final AuditTrail audit;

  StoreReconciliation(InventoryRepository repository, AuditTrail audit) {
    this.repository = repository;
    this.audit = audit;
  }

  Applied apply(InventoryDocument next, String actor, Instant at) {
    return apply(next, actor, at, current -> {});
  }

  /**
   * Applies {@code next}; {@code beforeChanges} sees the stored inventory under the state lock
   * before anything is written, and may refuse (throw) or act in the same transaction.
   */
  Applied apply(
      InventoryDocument next, String actor, Instant at, Consumer<InventoryDocument> beforeChanges) {
    repository.lockState();
    Map<String, StoredItem> resources = repository.all(Kind.RESOURCE);
    Map<String, StoredItem> groups = repository.all(Kind.GROUP);
    InventoryDocument current = activeDocument(resources, groups);
    beforeChanges.accept(current);
    InventoryDiff diff = InventoryDiff.between(current, next);
    List<String> restored = new ArrayList<>();
    for (String id : diff.addedResources()) {
      Resource resource = next.resource(id).orElseThrow();
      StoredItem stored = resources.get(id);
      if (stored == null) {
        String definition = DefinitionJson.write(resource);
        repository.insertResource(resource, definition, DefinitionJson.hash(resource), at);
        recordResource(resource, ChangeKind.ADDED, null, Map.of(), actor, at);
      } else {
        restored.add(id);
        updateResource(resource, stored, ChangeKind.RESTORED, actor, at);
      }
    }
    for (String id : diff.changedResources()) {
      updateResource(
          next.resource(id).orElseThrow(), resources.get(id), ChangeKind.CHANGED, actor, at);
    }
    for (String id : diff.removedResources()) {
      StoredItem stored = resources.get(id);
      repository.markRemoved(Kind.RESOURCE, id, at);
      repository.appendRevision(
          Kind.RESOURCE, id, ChangeKind.REMOVED, stored.definition(), stored.hash(), actor, at);
      auditResource(id, ChangeKind.REMOVED, Map.of("hash", stored.hash()), actor, at);
    }
    applyGroups(next, groups, diff, actor, at);
    repository.advanceGeneration(at);
    return new Applied(diff, restored);
  }

  private void updateResource(
      Resource resource, StoredItem stored, ChangeKind change, String actor, Instant at) {
    String current = stored.currentPrimarySite();
    Map<String, String> details = new LinkedHashMap<>();
    if (!current.equals(resource.primarySite().name())
        && !current.equals(resource.drSite().name())) {
      details.put("currentPrimarySiteReset", current + " -> " + resource.primarySite().name());
      current = resource.primarySite().name();
    }
    String definition = DefinitionJson.write(resource);
    repository.updateResource(resource, definition, DefinitionJson.hash(resource), current, at);
    recordResource(resource, change, stored.hash(), details, actor, at);
  }

  private void recordResource(
      Resource resource,
      ChangeKind change,
      String previousHash,
      Map<String, String> extra,
      String actor,
      Instant at) {
    String definition = DefinitionJson.write(resource);
    String hash = DefinitionJson.hash(resource);
    repository.appendRevision(Kind.RESOURCE, resource.id(), change, definition, hash, actor, at);
    Map<String, String> details = new LinkedHashMap<>();
    details.put("name", resource.name());
    details.put("platform", resource.platform().name());
    details.put("tier", String.valueOf(resource.tier().number()));
    details.put("hash", hash);
    if (previousHash != null) {
      details.put("previousHash", previousHash);
    }
    details.putAll(extra);
    auditResource(resource.id(), change, details, actor, at);
  }

  private void auditResource(
      String id, ChangeKind change, Map<String, String> details, String actor, Instant at) {
    audit.append(
        new GenericAuditEvent(
            "RESOURCE_" + change.name(),
            actor,
            at,
            Optional.empty(),
            Optional.of(id),
            "inventory reload: resource " + id + " " + change.name().toLowerCase(Locale.ROOT),
            Optional.empty(),
            details));
  }

  private void applyGroups(
      InventoryDocument next,
      Map<String, StoredItem> groups,
      InventoryDiff diff,
      String actor,
      Instant at) {
    for (String id : diff.addedGroups()) {
      GroupSpec group = next.group(id).orElseThrow();
      boolean known = groups.containsKey(id);
      String definition = DefinitionJson.write(group);
      String hash = DefinitionJson.hash(group);
      if (known) {
        repository.updateGroup(group, definition, hash, at);
      } else {
        repository.insertGroup(group, definition, hash, at);
      }
      recordGroup(id, known ? ChangeKind.RESTORED : ChangeKind.ADDED, definition, hash, actor, at);
    }
    for (String id : diff.changedGroups()) {
      GroupSpec group = next.group(id).orElseThrow();
      String definition = DefinitionJson.write(group);
      String hash = DefinitionJson.hash(group);
      repository.updateGroup(group, definition, hash, at);
      recordGroup(id, ChangeKind.CHANGED, definition, hash, actor, at);
    }
    for (String id : diff.removedGroups()) {
      StoredItem stored = groups.get(id);
      repository.markRemoved(Kind.GROUP, id, at);
      recordGroup(id, ChangeKind.REMOVED, stored.definition(), stored.hash(), actor, at);
    }
  }

  private void recordGroup(
      String id, ChangeKind change, String definition, String hash, String actor, Instant at) {
    repository.appendRevision(Kind.GROUP, id, change, definition, hash, actor, at);
    audit.append(
        GenericAuditEvent.of(
            "GROUP_" + change.name(),
            actor,
            at,
            "inventory reload: group " + id + " " + change.name().toLowerCase(Locale.ROOT),
            Map.of("group", id, "hash", hash)));
  }

  private static InventoryDocument activeDocument(
      Map<String, StoredItem> resources, Map<String, StoredItem> groups) {
    List<Resource> active = new ArrayList<>();
    resources.values().stream()
        .filter(StoredItem::isActive)
        .forEach(row -> active.add(DefinitionJson.readResource(row.definition())));
    List<GroupSpec> activeGroups = new ArrayList<>();
    groups.values().stream()
        .filter(StoredItem::isActive)
        .forEach(row -> activeGroups.add(DefinitionJson.readGroup(row.definition())));
    return new InventoryDocument(active, activeGroups);
  }
}
