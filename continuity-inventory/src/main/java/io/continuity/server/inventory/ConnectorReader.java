package io.continuity.server.inventory;

import io.continuity.connector.api.MemberEndpoint;
import io.continuity.connector.api.SecretRef;
import io.continuity.core.inventory.ConnectorRef;
import io.continuity.core.inventory.Site;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads the {@code connector:} block of a resource: resource-wide {@code settings}, per-site {@code
 * sites} settings keyed by site name (with an optional {@code members} list of the site's servers,
 * see {@link MembersReader}), and {@code credentials} that may only be references ({@code env:NAME}
 * or {@code file:/path}). A literal credential, a secret-looking setting key or a password inside a
 * connection string is refused and its value is never repeated in the error.
 */
final class ConnectorReader {

  static final List<String> KEYS = List.of("settings", "sites", "credentials");

  private final YamlReader yaml;

  ConnectorReader(YamlReader yaml) {
    this.yaml = yaml;
  }

  /**
   * @param sites the resource's primary and DR site when they could be read, to check that per-site
   *     settings name one of them
   */
  Optional<ConnectorRef> read(Node node, String path, Optional<List<Site>> sites) {
    Optional<YamlReader.Fields> read = yaml.fields(node, path, KEYS);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    YamlReader.Fields fields = read.get();
    Map<String, String> settings =
        fields.get("settings").map(n -> yaml.settings(n, fields.path("settings"))).orElse(Map.of());
    Map<String, List<MemberEndpoint>> members = new LinkedHashMap<>();
    Map<String, Map<String, String>> siteSettings =
        fields
            .get("sites")
            .map(n -> siteSettings(n, fields.path("sites"), sites, members))
            .orElse(Map.of());
    Map<String, SecretRef> credentials =
        fields
            .get("credentials")
            .map(n -> credentials(n, fields.path("credentials")))
            .orElse(Map.of());
    return yaml.build(
        node, path, () -> new ConnectorRef(siteSettings, members, settings, credentials));
  }

  private Map<String, Map<String, String>> siteSettings(
      Node node,
      String path,
      Optional<List<Site>> sites,
      Map<String, List<MemberEndpoint>> members) {
    Map<String, Map<String, String>> result = new LinkedHashMap<>();
    for (NodeTuple tuple : tuples(node, path)) {
      Optional<String> name = yaml.text(tuple.getKeyNode(), path);
      if (name.isEmpty()) {
        continue;
      }
      String sitePath = path + "." + name.get();
      if (sites.isPresent() && sites.get().stream().noneMatch(s -> s.name().equals(name.get()))) {
        yaml.error(
            tuple.getKeyNode(),
            sitePath,
            "'"
                + name.get()
                + "' is not a site of this resource; per-site settings are keyed by site name: "
                + sites.get().stream().map(Site::name).collect(Collectors.joining(", ")));
      } else if (result.containsKey(name.get())) {
        yaml.error(tuple.getKeyNode(), sitePath, "site '" + name.get() + "' is written twice");
      } else {
        Node value = tuple.getValueNode();
        Optional<NodeTuple> list = membersTuple(value);
        if (list.isPresent()) {
          MembersReader.read(yaml, list.get().getValueNode(), sitePath + ".members", name.get())
              .ifPresent(m -> members.put(name.get(), m));
          value = withoutMembers((MappingNode) value);
        }
        Map<String, String> own = yaml.settings(value, sitePath);
        if (list.isPresent() && (own.containsKey("host") || own.containsKey("port"))) {
          yaml.error(
              tuple.getKeyNode(),
              sitePath,
              "give the site's servers either as host/port or as members, not both");
        }
        result.put(name.get(), own);
      }
    }
    return result;
  }

  private static Optional<NodeTuple> membersTuple(Node site) {
    if (!(site instanceof MappingNode mapping)) {
      return Optional.empty();
    }
    return mapping.getValue().stream()
        .filter(t -> t.getKeyNode() instanceof ScalarNode key && "members".equals(key.getValue()))
        .findFirst();
  }

  private static MappingNode withoutMembers(MappingNode site) {
    List<NodeTuple> rest =
        site.getValue().stream()
            .filter(
                t ->
                    !(t.getKeyNode() instanceof ScalarNode key && "members".equals(key.getValue())))
            .toList();
    return new MappingNode(site.getTag(), rest, site.getFlowStyle());
  }

  private Map<String, SecretRef> credentials(Node node, String path) {
    Map<String, SecretRef> result = new LinkedHashMap<>();
    for (NodeTuple tuple : tuples(node, path)) {
      Optional<String> name = yaml.text(tuple.getKeyNode(), path);
      if (name.isEmpty()) {
        continue;
      }
      String credentialPath = path + "." + name.get();
      Node value = tuple.getValueNode();
      if (result.containsKey(name.get())) {
        yaml.error(tuple.getKeyNode(), credentialPath, "credential written twice; keep one");
      } else if (YamlReader.isNull(value)) {
        yaml.error(
            tuple.getKeyNode(),
            credentialPath,
            "a credential needs a reference: env:NAME or file:/path");
      } else if (!(value instanceof ScalarNode scalar)
          || !SecretRef.looksLikeReference(scalar.getValue())) {
        yaml.error(value, credentialPath, YamlReader.LITERAL_SECRET);
      } else {
        yaml.build(value, credentialPath, () -> SecretRef.parse(scalar.getValue()))
            .ifPresent(ref -> result.put(name.get(), ref));
      }
    }
    return result;
  }

  private List<NodeTuple> tuples(Node node, String path) {
    return yaml.mapping(node, path).map(MappingNode::getValue).orElse(List.of());
  }
}
