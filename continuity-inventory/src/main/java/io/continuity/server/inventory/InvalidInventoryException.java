package io.continuity.server.inventory;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when an inventory that must be valid (at start-up, on reload) is not. Its message lists
 * every error, one a line, so the operator can fix them all in one go.
 */
public class InvalidInventoryException extends RuntimeException {

  private final transient List<InventoryError> errors;

  public InvalidInventoryException(List<InventoryError> errors) {
    super(message(errors));
    this.errors = List.copyOf(errors);
  }

  public List<InventoryError> errors() {
    return errors;
  }

  private static String message(List<InventoryError> errors) {
    return "the inventory has "
        + errors.size()
        + (errors.size() == 1 ? " error" : " errors")
        + " and was not loaded:\n"
        + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n"));
  }
}
