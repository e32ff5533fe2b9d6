package io.continuity.server.inventory;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the inventory files are: {@code continuity.inventory.files} is a list of YAML file paths
 * (relative paths resolve against the working directory), read together as one inventory.
 */
@ConfigurationProperties("continuity.inventory")
public record InventoryProperties(List<String> files) {

  public InventoryProperties {
    files = files == null ? List.of() : List.copyOf(files);
  }

  public List<Path> paths() {
    return files.stream().map(Path::of).toList();
  }
}
