package io.continuity.server.inventory;

import java.util.Objects;

/**
 * The text of one inventory file and the name errors should use for it (usually its path as the
 * operator gave it). Lets callers parse inventory that does not come from the file system.
 */
public record InventorySource(String name, String content) {

  public InventorySource {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(content, "content");
  }
}
