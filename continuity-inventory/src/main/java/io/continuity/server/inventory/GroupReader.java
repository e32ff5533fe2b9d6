package io.continuity.server.inventory;

import io.continuity.core.inventory.Tier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads one entry of {@code groups:} into a {@link GroupSpec}: members must be resources of the
 * inventory (from any file), {@code dependsOn} keys and targets must be members. Cycles are not
 * looked for here; see {@link GroupDependencyCheck}.
 */
final class GroupReader {

  static final List<String> KEYS = List.of("id", "name", "tier", "members", "dependsOn");

  /** What was read from one entry; the group only when the entry had no error. */
  record Read(Optional<String> id, SourceLocation idLocation, Optional<GroupSpec> group) {}

  private final YamlReader yaml;
  private final ValueReader values;

  GroupReader(YamlReader yaml) {
    this.yaml = yaml;
    this.values = new ValueReader(yaml);
  }

  /**
   * @param resourceIds the ids of every resource in the inventory
   * @param checkMembersExist false when some file could not be read, so an unknown member may be
   *     defined there and is not reported
   */
  Read read(Node node, String path, Set<String> resourceIds, boolean checkMembersExist) {
    int errorsBefore = yaml.errorCount();
    Optional<YamlReader.Fields> read = yaml.fields(node, path, KEYS);
    if (read.isEmpty()) {
      return new Read(Optional.empty(), yaml.at(node, path), Optional.empty());
    }
    YamlReader.Fields fields = read.get();
    Optional<String> id = values.requiredId(fields);
    SourceLocation idLocation = yaml.at(fields.get("id").orElse(node), fields.path("id"));
    Optional<String> name = yaml.requiredText(fields, "name");
    Optional<Tier> tier = values.requiredTier(fields);
    List<String> members = members(fields, resourceIds, checkMembersExist);
    Map<String, List<String>> dependsOn = new LinkedHashMap<>();
    Map<String, SourceLocation> locations = new LinkedHashMap<>();
    fields
        .get("dependsOn")
        .ifPresent(n -> dependsOn(n, fields.path("dependsOn"), members, dependsOn, locations));
    if (yaml.errorCount() != errorsBefore) {
      return new Read(id, idLocation, Optional.empty());
    }
    Optional<GroupSpec> group =
        yaml.build(
            node,
            path,
            () ->
                new GroupSpec(
                    id.get(),
                    name.get(),
                    tier.get(),
                    members,
                    dependsOn,
                    yaml.at(node, path),
                    locations));
    return new Read(id, idLocation, group);
  }

  private List<String> members(
      YamlReader.Fields fields, Set<String> resourceIds, boolean checkMembersExist) {
    String path = fields.path("members");
    List<String> members = new ArrayList<>();
    Optional<List<Node>> items = yaml.required(fields, "members").flatMap(n -> yaml.list(n, path));
    if (items.isEmpty()) {
      return members;
    }
    if (items.get().isEmpty()) {
      yaml.error(fields.get("members").get(), path, "a group needs at least one member");
    }
    for (int i = 0; i < items.get().size(); i++) {
      Node item = items.get().get(i);
      String itemPath = path + "[" + i + "]";
      Optional<String> member = yaml.text(item, itemPath);
      if (member.isEmpty()) {
        continue;
      }
      if (members.contains(member.get())) {
        yaml.error(item, itemPath, "member '" + member.get() + "' is listed twice; keep one");
        continue;
      }
      if (checkMembersExist && !resourceIds.contains(member.get())) {
        yaml.error(
            item,
            itemPath,
            "member '"
                + member.get()
                + "' is not a resource; define a resource with id "
                + member.get()
                + " or remove it from the group");
      }
      // kept even when unknown, so dependsOn entries naming it do not add a second error
      members.add(member.get());
    }
    return members;
  }

  private void dependsOn(
      Node node,
      String path,
      List<String> members,
      Map<String, List<String>> dependsOn,
      Map<String, SourceLocation> locations) {
    List<NodeTuple> tuples = yaml.mapping(node, path).map(m -> m.getValue()).orElse(List.of());
    for (NodeTuple tuple : tuples) {
      Optional<String> member = yaml.text(tuple.getKeyNode(), path);
      if (member.isEmpty()) {
        continue;
      }
      String entryPath = path + "." + member.get();
      if (!members.contains(member.get())) {
        yaml.error(tuple.getKeyNode(), entryPath, notAMember(member.get(), members));
        continue;
      }
      if (dependsOn.containsKey(member.get())) {
        yaml.error(tuple.getKeyNode(), entryPath, "'" + member.get() + "' is written twice");
        continue;
      }
      locations.put(member.get(), yaml.at(tuple.getKeyNode(), entryPath));
      dependsOn.put(member.get(), targets(tuple.getValueNode(), entryPath, members));
    }
  }

  /** The members one member depends on: a list, or a single id. */
  private List<String> targets(Node node, String path, List<String> members) {
    List<String> targets = new ArrayList<>();
    if (YamlReader.isNull(node)) {
      return targets;
    }
    boolean single = node instanceof ScalarNode;
    List<Node> items = single ? List.of(node) : yaml.list(node, path).orElse(List.of());
    for (int i = 0; i < items.size(); i++) {
      String itemPath = single ? path : path + "[" + i + "]";
      Node item = items.get(i);
      yaml.text(item, itemPath)
          .ifPresent(
              target -> {
                if (!members.contains(target)) {
                  yaml.error(item, itemPath, notAMember(target, members));
                } else if (!targets.contains(target)) {
                  targets.add(target);
                }
              });
    }
    return targets;
  }

  private static String notAMember(String id, List<String> members) {
    return "'"
        + id
        + "' is not a member of this group; dependsOn may only name members ("
        + String.join(", ", members)
        + ")";
  }
}
