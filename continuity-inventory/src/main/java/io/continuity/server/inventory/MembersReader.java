package io.continuity.server.inventory;

import io.continuity.connector.api.MemberEndpoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code connector.sites.<site>.members}: the servers of one site, each a mapping with a
 * {@code host}, a {@code port}, an optional {@code name} (default {@code <site>-<n>}) and any other
 * keys as the member's own connector settings ({@code hidden: "true"}, {@code arbiter: "true"}...).
 * Every mistake is reported at its line and field.
 */
final class MembersReader {

  private MembersReader() {}

  static Optional<List<MemberEndpoint>> read(YamlReader yaml, Node node, String path, String site) {
    Optional<List<Node>> items = yaml.list(node, path);
    if (items.isEmpty()) {
      return Optional.empty();
    }
    if (items.get().isEmpty()) {
      yaml.error(node, path, "list at least one member, or leave 'members' out");
      return Optional.empty();
    }
    List<MemberEndpoint> members = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int index = 0;
    for (Node item : items.get()) {
      index++;
      String itemPath = path + "[" + (index - 1) + "]";
      Map<String, String> fields = new LinkedHashMap<>(yaml.settings(item, itemPath));
      String name = fields.getOrDefault("name", site + "-" + index).trim();
      String host = fields.get("host");
      String port = fields.get("port");
      fields.remove("name");
      fields.remove("host");
      fields.remove("port");
      if (host == null || host.isBlank()) {
        yaml.error(item, itemPath + ".host", "a member needs a host");
        continue;
      }
      Optional<Integer> number =
          port == null
              ? Optional.empty()
              : yaml.convert(item, itemPath + ".port", port, MembersReader::port);
      if (port == null) {
        yaml.error(item, itemPath + ".port", "a member needs a port (1-65535)");
        continue;
      }
      if (number.isEmpty()) {
        continue;
      }
      if (!names.add(name)) {
        yaml.error(item, itemPath + ".name", "member '" + name + "' is listed twice in " + site);
        continue;
      }
      yaml.build(item, itemPath, () -> new MemberEndpoint(name, host.trim(), number.get(), fields))
          .ifPresent(members::add);
    }
    return Optional.of(members);
  }

  private static Integer port(String text) {
    try {
      int value = Integer.parseInt(text.trim());
      if (value < 1 || value > 65535) {
        throw new IllegalArgumentException("port " + text + " is out of range 1-65535");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port '" + text + "' is not a number");
    }
  }
}
