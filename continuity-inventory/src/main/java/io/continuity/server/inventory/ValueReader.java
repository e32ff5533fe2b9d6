package io.continuity.server.inventory;

import io.continuity.core.inventory.Tier;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the inventory's typed values (ids, tiers, durations, sizes) from fields, recording a
 * located error that says the accepted form when a value is wrong.
 */
final class ValueReader {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private final YamlReader yaml;

  ValueReader(YamlReader yaml) {
    this.yaml = yaml;
  }

  /** A required id: lower-case letters, digits and '-', as the core records demand. */
  Optional<String> requiredId(YamlReader.Fields fields) {
    return yaml.requiredText(fields, "id")
        .flatMap(
            id -> {
              if (ID.matcher(id).matches()) {
                return Optional.of(id);
              }
              yaml.error(
                  fields.get("id").get(),
                  fields.path("id"),
                  "id '"
                      + id
                      + "' must be lower-case letters, digits and '-', starting with a letter or"
                      + " digit, at most 63 characters (for example orders-db)");
              return Optional.empty();
            });
  }

  /** A required tier: 1 (most critical) or 2. */
  Optional<Tier> requiredTier(YamlReader.Fields fields) {
    return yaml.requiredText(fields, "tier")
        .flatMap(
            text -> {
              Node node = fields.get("tier").get();
              if (!text.trim().matches("\\d{1,9}")) {
                yaml.error(node, fields.path("tier"), "tier must be 1 or 2, not '" + text + "'");
                return Optional.empty();
              }
              return yaml.convert(
                  node, fields.path("tier"), text, t -> Tier.of(Integer.parseInt(t)));
            });
  }

  /** A duration such as 30s; empty when absent, or after an error naming the accepted format. */
  Optional<Duration> duration(YamlReader.Fields fields, String key, boolean required) {
    Optional<Node> node = required ? yaml.required(fields, key) : fields.get(key);
    return node.flatMap(
        n ->
            yaml.text(n, fields.path(key))
                .flatMap(text -> yaml.convert(n, fields.path(key), text, Units::duration)));
  }

  /** A size such as 16MB; empty when absent, or after an error naming the accepted format. */
  Optional<Long> bytes(YamlReader.Fields fields, String key) {
    return fields
        .get(key)
        .flatMap(
            n ->
                yaml.text(n, fields.path(key))
                    .flatMap(text -> yaml.convert(n, fields.path(key), text, Units::bytes)));
  }
}
