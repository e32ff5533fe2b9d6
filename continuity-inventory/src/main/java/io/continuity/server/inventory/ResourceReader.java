package io.continuity.server.inventory;

import io.continuity.connector.api.Platform;
import io.continuity.connector.api.SiteRole;
import io.continuity.core.inventory.ConnectorRef;
import io.continuity.core.inventory.HeartbeatConfig;
import io.continuity.core.inventory.Resource;
import io.continuity.core.inventory.RpoPolicy;
import io.continuity.core.inventory.Site;
import io.continuity.core.inventory.Tier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads one entry of {@code resources:} into a core {@link Resource}, reporting every problem of
 * the entry. The resource is returned only when the entry had no error; its id is returned whenever
 * it could be read, so duplicates and group members are still checked against it.
 */
final class ResourceReader {

  static final List<String> KEYS =
      List.of(
          "id",
          "name",
          "platform",
          "tier",
          "environment",
          "owner",
          "sites",
          "rpo",
          "heartbeat",
          "connector");
  static final String DEFAULT_HEARTBEAT_TABLE = "continuity_heartbeat";
  static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(10);

  private static final Pattern TABLE =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62}){0,2}");

  /** What was read from one entry. */
  record Read(Optional<String> id, SourceLocation idLocation, Optional<Resource> resource) {}

  private final YamlReader yaml;
  private final ValueReader values;
  private final ConnectorReader connectors;

  ResourceReader(YamlReader yaml) {
    this.yaml = yaml;
    this.values = new ValueReader(yaml);
    this.connectors = new ConnectorReader(yaml);
  }

  Read read(Node node, String path) {
    int errorsBefore = yaml.errorCount();
    Optional<YamlReader.Fields> read = yaml.fields(node, path, KEYS);
    if (read.isEmpty()) {
      return new Read(Optional.empty(), yaml.at(node, path), Optional.empty());
    }
    YamlReader.Fields fields = read.get();
    Optional<String> id = values.requiredId(fields);
    SourceLocation idLocation = yaml.at(fields.get("id").orElse(node), fields.path("id"));
    Optional<String> name = yaml.requiredText(fields, "name");
    Optional<Platform> platform = platform(fields);
    Optional<Tier> tier = values.requiredTier(fields);
    Optional<String> environment = yaml.requiredText(fields, "environment");
    Optional<String> owner = yaml.requiredText(fields, "owner");
    Optional<List<Site>> sites = sites(fields);
    Optional<RpoPolicy> rpo = rpo(fields);
    Optional<HeartbeatConfig> heartbeat = heartbeat(fields);
    ConnectorRef connector =
        fields
            .get("connector")
            .flatMap(n -> connectors.read(n, fields.path("connector"), sites))
            .orElse(ConnectorRef.none());
    if (yaml.errorCount() != errorsBefore) {
      return new Read(id, idLocation, Optional.empty());
    }
    Optional<Resource> resource =
        yaml.build(
            node,
            path,
            () ->
                new Resource(
                    id.get(),
                    name.get(),
                    platform.get(),
                    tier.get(),
                    environment.get(),
                    owner.get(),
                    sites.get().get(0),
                    sites.get().get(1),
                    connector,
                    rpo.get(),
                    heartbeat));
    return new Read(id, idLocation, resource);
  }

  private Optional<Platform> platform(YamlReader.Fields fields) {
    return yaml.requiredText(fields, "platform")
        .flatMap(
            text -> {
              Optional<Platform> platform = PlatformCatalog.classPath().find(text);
              if (platform.isEmpty()) {
                yaml.error(
                    fields.get("platform").get(),
                    fields.path("platform"),
                    "unknown platform '"
                        + text
                        + "'; known platforms: "
                        + PlatformCatalog.classPath().describe());
              }
              return platform;
            });
  }

  /** The platforms an inventory may name. */
  static List<Platform> knownPlatformList() {
    return PlatformCatalog.classPath().accepted();
  }

  /** The primary and the DR site, in that order. */
  private Optional<List<Site>> sites(YamlReader.Fields fields) {
    String path = fields.path("sites");
    Optional<YamlReader.Fields> sites =
        yaml.required(fields, "sites").flatMap(n -> yaml.fields(n, path, List.of("primary", "dr")));
    if (sites.isEmpty()) {
      return Optional.empty();
    }
    Optional<Site> primary = site(sites.get(), "primary", SiteRole.PRIMARY);
    Optional<Site> dr = site(sites.get(), "dr", SiteRole.DR);
    if (primary.isEmpty() || dr.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(List.of(primary.get(), dr.get()));
  }

  /** A site as {@code { name: ..., metadata: {...} }} or just its name. */
  private Optional<Site> site(YamlReader.Fields sites, String key, SiteRole role) {
    String path = sites.path(key);
    Optional<Node> node = yaml.required(sites, key);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    if (node.get() instanceof ScalarNode) {
      return yaml.text(node.get(), path)
          .flatMap(name -> yaml.build(node.get(), path, () -> new Site(name, role, Map.of())));
    }
    Optional<YamlReader.Fields> fields = yaml.fields(node.get(), path, List.of("name", "metadata"));
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> name = yaml.requiredText(fields.get(), "name");
    Map<String, String> metadata =
        fields
            .get()
            .get("metadata")
            .map(n -> yaml.settings(n, fields.get().path("metadata")))
            .orElse(Map.of());
    return name.flatMap(n -> yaml.build(node.get(), path, () -> new Site(n, role, metadata)));
  }

  private Optional<RpoPolicy> rpo(YamlReader.Fields fields) {
    String path = fields.path("rpo");
    Optional<Node> node = yaml.required(fields, "rpo");
    Optional<YamlReader.Fields> rpo =
        node.flatMap(
            n -> yaml.fields(n, path, List.of("target", "warn", "warnBytes", "criticalBytes")));
    if (rpo.isEmpty()) {
      return Optional.empty();
    }
    Optional<Duration> target = values.duration(rpo.get(), "target", true);
    Optional<Duration> warn = values.duration(rpo.get(), "warn", false);
    OptionalLong warnBytes = optionalLong(values.bytes(rpo.get(), "warnBytes"));
    OptionalLong criticalBytes = optionalLong(values.bytes(rpo.get(), "criticalBytes"));
    return target.flatMap(
        t ->
            yaml.build(
                node.get(),
                path,
                () -> new RpoPolicy(t, warn.orElse(t.dividedBy(2)), warnBytes, criticalBytes)));
  }

  /** The heartbeat, or empty when there is none (or it had an error, which is recorded). */
  private Optional<HeartbeatConfig> heartbeat(YamlReader.Fields fields) {
    String path = fields.path("heartbeat");
    Optional<Node> node = fields.get("heartbeat");
    Optional<YamlReader.Fields> heartbeat =
        node.flatMap(n -> yaml.fields(n, path, List.of("table", "interval", "staleAfter")));
    if (heartbeat.isEmpty()) {
      return Optional.empty();
    }
    String table = yaml.optionalText(heartbeat.get(), "table").orElse(DEFAULT_HEARTBEAT_TABLE);
    if (!TABLE.matcher(table).matches()) {
      yaml.error(
          heartbeat.get().get("table").get(),
          heartbeat.get().path("table"),
          "table '"
              + table
              + "' must be a table name of letters, digits and '_' (not starting with a digit),"
              + " optionally qualified as schema.table or database.schema.table");
      return Optional.empty();
    }
    Duration interval =
        values.duration(heartbeat.get(), "interval", false).orElse(DEFAULT_HEARTBEAT_INTERVAL);
    Duration staleAfter =
        values.duration(heartbeat.get(), "staleAfter", false).orElse(interval.multipliedBy(6));
    return yaml.build(node.get(), path, () -> new HeartbeatConfig(table, interval, staleAfter));
  }

  private static OptionalLong optionalLong(Optional<Long> value) {
    return value.map(OptionalLong::of).orElse(OptionalLong.empty());
  }
}
