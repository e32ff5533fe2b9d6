package io.continuity.server.inventory;

import java.util.Objects;

/**
 * Where something was written in an inventory file: the file as it was given, the 1-based line and
 * the field path inside the document (for example {@code groups[0].dependsOn.orders-db}). Kept so
 * that checks made after parsing (a dependency cycle) can still point at the line to fix.
 */
public record SourceLocation(String file, int line, String fieldPath) {

  public SourceLocation {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(fieldPath, "fieldPath");
  }

  /** An error at this location. */
  public InventoryError error(String message) {
    return new InventoryError(file, line, fieldPath, message);
  }

  @Override
  public String toString() {
    return file + ":" + line + (fieldPath.isEmpty() ? "" : " (" + fieldPath + ")");
  }
}
