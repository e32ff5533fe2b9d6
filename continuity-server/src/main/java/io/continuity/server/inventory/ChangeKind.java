package io.continuity.server.inventory;

/** What a reconcile did to one resource or group; each revision of its history records one. */
public enum ChangeKind {
  /** First declared. */
  ADDED,
  /** Same id, different definition. */
  CHANGED,
  /** No longer in the files: kept with its history, marked removed. */
  REMOVED,
  /** Declared again after a removal: the same id and history continue. */
  RESTORED
}
