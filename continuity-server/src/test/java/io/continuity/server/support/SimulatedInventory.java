package io.continuity.server.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Inventory files of simulated tier-2 resources (sites east → west, steady, no jitter) for tests
 * that start server processes; a resource may be scripted to hang in one step.
 */
public final class SimulatedInventory {

  private SimulatedInventory() {}

  /**
   * Writes {@code file} with one resource per id; {@code hangs} maps a resource id to the step it
   * hangs in.
   */
  public static Path write(Path file, Iterable<String> ids, Map<String, String> hangs)
      throws IOException {
    return Files.writeString(file, yaml(ids, hangs));
  }

  /** The {@code resources:} section for these ids (a test may append {@code groups:}). */
  public static String yaml(Iterable<String> ids, Map<String, String> hangs) {
    StringBuilder yaml = new StringBuilder("resources:\n");
    for (String id : ids) {
      String hang = hangs.containsKey(id) ? ", hangStep: " + hangs.get(id) : "";
      yaml.append(
          """
            - id: %s
              name: %s
              platform: simulated
              tier: 2
              environment: test
              owner: test@example.com
              sites: { primary: east, dr: west }
              rpo: { target: 2m, warn: 30s }
              connector:
                settings: { scenario: steady, jitter: "0"%s }
          """
              .formatted(id, id, hang));
    }
    return yaml.toString();
  }
}
