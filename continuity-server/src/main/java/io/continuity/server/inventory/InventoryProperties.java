package io.continuity.server.inventory;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the inventory files are: {@code continuity.inventory} is a comma-separated list of YAML
 * file paths (relative paths resolve against the working directory), read together as one
 * inventory.
 */
@ConfigurationProperties("continuity")
public record InventoryProperties(List<String> inventory) {

  public InventoryProperties {
    inventory =
        inventory == null
            ? List.of()
            : inventory.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  public List<Path> paths() {
    return inventory.stream().map(Path::of).toList();
  }
}
