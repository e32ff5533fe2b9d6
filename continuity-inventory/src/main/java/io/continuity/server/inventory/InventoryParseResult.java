package io.continuity.server.inventory;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of parsing inventory files: either a whole valid {@link InventoryDocument} or every
 * error found in every file. There is no partial result: one error refuses the whole inventory, so
 * a half-read estate is never monitored or failed over.
 */
public sealed interface InventoryParseResult
    permits InventoryParseResult.Valid, InventoryParseResult.Invalid {

  boolean isValid();

  /** The errors, empty when valid. */
  List<InventoryError> errors();

  /**
   * The document.
   *
   * @throws InvalidInventoryException listing every error when the inventory is invalid
   */
  InventoryDocument orElseThrow();

  /** All files parsed without an error. */
  record Valid(InventoryDocument document) implements InventoryParseResult {

    public Valid {
      Objects.requireNonNull(document, "document");
    }

    @Override
    public boolean isValid() {
      return true;
    }

    @Override
    public List<InventoryError> errors() {
      return List.of();
    }

    @Override
    public InventoryDocument orElseThrow() {
      return document;
    }
  }

  /** At least one error; the inventory is refused as a whole. */
  record Invalid(List<InventoryError> errors) implements InventoryParseResult {

    public Invalid {
      errors = List.copyOf(errors);
      if (errors.isEmpty()) {
        throw new IllegalArgumentException("an invalid inventory has at least one error");
      }
    }

    @Override
    public boolean isValid() {
      return false;
    }

    @Override
    public InventoryDocument orElseThrow() {
      throw new InvalidInventoryException(errors);
    }
  }
}
