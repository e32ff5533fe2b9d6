package io.continuity.server.inventory;

import java.util.Objects;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Loads the configured inventory files as one whole inventory, or refuses them all. A thin Spring
 * wrapper around {@link InventoryParser}; plain Java to test.
 */
@Component
public class InventoryLoader {

  private final InventoryProperties properties;
  private final InventoryParser parser;

  @Autowired
  public InventoryLoader(InventoryProperties properties) {
    this(properties, new InventoryParser());
  }

  InventoryLoader(InventoryProperties properties, InventoryParser parser) {
    this.properties = Objects.requireNonNull(properties, "properties");
    this.parser = Objects.requireNonNull(parser, "parser");
  }

  /** Parses the configured files, reporting every error rather than throwing. */
  public InventoryParseResult parse() {
    return parser.parse(properties.paths());
  }

  /**
   * The configured inventory.
   *
   * @throws InvalidInventoryException listing every error of every file
   */
  public InventoryDocument load() {
    return parse().orElseThrow();
  }
}
