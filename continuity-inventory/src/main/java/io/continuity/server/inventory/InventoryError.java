package io.continuity.server.inventory;

import java.util.Objects;

/**
 * One problem in the inventory, located so a DBA can fix it: the file, the 1-based line (0 when the
 * whole file is concerned, for example when it cannot be read), the field path (empty at the top of
 * a file) and a message that says what to write instead. Messages never contain a credential.
 *
 * <p>{@link #toString()} reads {@code examples/x.yaml:14: resources[2].rpo.target: message}.
 */
public record InventoryError(String file, int line, String fieldPath, String message) {

  public InventoryError {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(fieldPath, "fieldPath");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return file
        + (line > 0 ? ":" + line : "")
        + ": "
        + (fieldPath.isEmpty() ? "" : fieldPath + ": ")
        + message;
  }
}
