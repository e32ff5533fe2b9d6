package io.continuity.server.inventory;

import io.continuity.connector.api.MemberEndpoint;
import io.continuity.connector.api.Platform;
import io.continuity.connector.api.SecretRef;
import io.continuity.connector.api.SiteRole;
import io.continuity.core.inventory.ConnectorRef;
import io.continuity.core.inventory.HeartbeatConfig;
import io.continuity.core.inventory.Resource;
import io.continuity.core.inventory.RpoPolicy;
import io.continuity.core.inventory.Site;
import io.continuity.core.inventory.Tier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stored form of resource and group definitions: canonical JSON (keys sorted, durations as
 * ISO-8601, credentials as their {@code env:}/{@code file:} references, never values) that reads
 * back into an equal core {@link Resource} or an equivalent {@link GroupSpec}, and its SHA-256.
 */
final class DefinitionJson {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<Map<String, Object>> TREE = new TypeReference<>() {};

  private DefinitionJson() {}

  static String write(Resource r) {
    Map<String, Object> root = new TreeMap<>();
    root.put("id", r.id());
    root.put("name", r.name());
    root.put("platform", r.platform().name());
    root.put("tier", r.tier().number());
    root.put("environment", r.environment());
    root.put("owner", r.owner());
    root.put("primarySite", site(r.primarySite()));
    root.put("drSite", site(r.drSite()));
    Map<String, Object> rpo = new TreeMap<>();
    rpo.put("target", r.rpo().target().toString());
    rpo.put("warn", r.rpo().warn().toString());
    rpo.put("warnBytes", orNull(r.rpo().warnBytes()));
    rpo.put("criticalBytes", orNull(r.rpo().criticalBytes()));
    root.put("rpo", rpo);
    root.put("heartbeat", r.heartbeat().map(DefinitionJson::heartbeat).orElse(null));
    Map<String, Object> connector = new TreeMap<>();
    connector.put("settings", new TreeMap<>(r.connector().settings()));
    Map<String, Object> sites = new TreeMap<>();
    r.connector().siteSettings().forEach((site, s) -> sites.put(site, new TreeMap<>(s)));
    connector.put("sites", sites);
    Map<String, Object> members = new TreeMap<>();
    r.connector()
        .siteMembers()
        .forEach(
            (site, list) ->
                members.put(
                    site,
                    list.stream()
                        .map(
                            m -> {
                              Map<String, Object> member = new TreeMap<>();
                              member.put("name", m.name());
                              member.put("host", m.host());
                              member.put("port", m.port());
                              member.put("settings", new TreeMap<>(m.settings()));
                              return member;
                            })
                        .toList()));
    if (!members.isEmpty()) {
      connector.put("members", members);
    }
    Map<String, Object> credentials = new TreeMap<>();
    r.connector().secrets().forEach((name, ref) -> credentials.put(name, ref.toString()));
    connector.put("credentials", credentials);
    root.put("connector", connector);
    return JSON.writeValueAsString(root);
  }

  static Resource readResource(String json) {
    Map<String, Object> root = JSON.readValue(json, TREE);
    Map<String, Object> rpo = map(root.get("rpo"));
    Map<String, Object> connector = map(root.get("connector"));
    Map<String, Map<String, String>> siteSettings = new LinkedHashMap<>();
    map(connector.get("sites")).forEach((site, s) -> siteSettings.put(site, strings(s)));
    Map<String, List<MemberEndpoint>> siteMembers = new LinkedHashMap<>();
    map(connector.get("members"))
        .forEach(
            (site, list) ->
                siteMembers.put(
                    site,
                    ((List<?>) list)
                        .stream()
                            .map(DefinitionJson::map)
                            .map(
                                m ->
                                    new MemberEndpoint(
                                        (String) m.get("name"),
                                        (String) m.get("host"),
                                        ((Number) m.get("port")).intValue(),
                                        strings(m.get("settings"))))
                            .toList()));
    Map<String, SecretRef> secrets = new LinkedHashMap<>();
    strings(connector.get("credentials")).forEach((k, v) -> secrets.put(k, SecretRef.parse(v)));
    Optional<HeartbeatConfig> heartbeat =
        Optional.ofNullable(root.get("heartbeat"))
            .map(DefinitionJson::map)
            .map(
                h ->
                    new HeartbeatConfig(
                        (String) h.get("table"),
                        Duration.parse((String) h.get("interval")),
                        Duration.parse((String) h.get("staleAfter"))));
    return new Resource(
        (String) root.get("id"),
        (String) root.get("name"),
        Platform.of((String) root.get("platform")),
        Tier.of(((Number) root.get("tier")).intValue()),
        (String) root.get("environment"),
        (String) root.get("owner"),
        readSite(root.get("primarySite"), SiteRole.PRIMARY),
        readSite(root.get("drSite"), SiteRole.DR),
        new ConnectorRef(siteSettings, siteMembers, strings(connector.get("settings")), secrets),
        new RpoPolicy(
            Duration.parse((String) rpo.get("target")),
            Duration.parse((String) rpo.get("warn")),
            optionalLong(rpo.get("warnBytes")),
            optionalLong(rpo.get("criticalBytes"))),
        heartbeat);
  }

  /** Members and dependencies keep their written order; {@link #hash} sees them sorted. */
  static String write(GroupSpec g) {
    Map<String, Object> root = new TreeMap<>();
    root.put("id", g.id());
    root.put("name", g.name());
    root.put("tier", g.tier().number());
    root.put("members", g.members());
    Map<String, Object> dependsOn = new TreeMap<>();
    g.dependsOn()
        .forEach(
            (member, targets) -> {
              if (!targets.isEmpty()) {
                dependsOn.put(member, targets);
              }
            });
    root.put("dependsOn", dependsOn);
    return JSON.writeValueAsString(root);
  }

  @SuppressWarnings("unchecked")
  static GroupSpec readGroup(String json) {
    Map<String, Object> root = JSON.readValue(json, TREE);
    String id = (String) root.get("id");
    Map<String, List<String>> dependsOn = new LinkedHashMap<>();
    map(root.get("dependsOn")).forEach((member, t) -> dependsOn.put(member, (List<String>) t));
    SourceLocation stored = new SourceLocation("stored inventory", 0, "groups." + id);
    return new GroupSpec(
        id,
        (String) root.get("name"),
        Tier.of(((Number) root.get("tier")).intValue()),
        (List<String>) root.get("members"),
        dependsOn,
        stored,
        Map.of());
  }

  /** SHA-256 of a group's definition whatever the order of members and dependencies. */
  static String hash(GroupSpec g) {
    Map<String, Object> canonical = new TreeMap<>();
    canonical.put("id", g.id());
    canonical.put("name", g.name());
    canonical.put("tier", g.tier().number());
    canonical.put("members", g.members().stream().sorted().toList());
    Map<String, Object> dependsOn = new TreeMap<>();
    g.dependsOn()
        .forEach(
            (member, targets) -> {
              if (!targets.isEmpty()) {
                dependsOn.put(member, targets.stream().distinct().sorted().toList());
              }
            });
    canonical.put("dependsOn", dependsOn);
    return sha256(JSON.writeValueAsString(canonical));
  }

  static String hash(Resource r) {
    return sha256(write(r));
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static Map<String, Object> site(Site site) {
    Map<String, Object> map = new TreeMap<>();
    map.put("name", site.name());
    map.put("metadata", new TreeMap<>(site.metadata()));
    return map;
  }

  private static Site readSite(Object json, SiteRole role) {
    Map<String, Object> map = map(json);
    return new Site((String) map.get("name"), role, strings(map.get("metadata")));
  }

  private static Map<String, Object> heartbeat(HeartbeatConfig h) {
    Map<String, Object> map = new TreeMap<>();
    map.put("table", h.table());
    map.put("interval", h.interval().toString());
    map.put("staleAfter", h.staleAfter().toString());
    return map;
  }

  private static Long orNull(OptionalLong value) {
    return value.isPresent() ? value.getAsLong() : null;
  }

  private static OptionalLong optionalLong(Object value) {
    return value == null ? OptionalLong.empty() : OptionalLong.of(((Number) value).longValue());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value == null ? Map.of() : (Map<String, Object>) value;
  }

  private static Map<String, String> strings(Object value) {
    Map<String, String> result = new LinkedHashMap<>();
    map(value).forEach((k, v) -> result.put(k, String.valueOf(v)));
    return result;
  }
}
