package io.continuity.connector.mongodb;

import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.MemberEndpoint;
import io.continuity.connector.api.SiteEndpoint;
import io.continuity.connector.api.SiteRole;
import io.continuity.connector.support.SettingsReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The MongoDB connector's configuration, parsed and checked once when the connector is made. The
 * keys are documented in the module README; every error names the key to fix.
 */
record MongoSettings(
    ConnectorConfig config,
    SiteEndpoint primarySite,
    SiteEndpoint drSite,
    Optional<String> replicaSet,
    AuthMechanism authMechanism,
    String authSource,
    boolean tls,
    boolean clusterManager,
    Duration connectTimeout,
    Duration maxSwitchoverLag,
    Duration heartbeatStaleAfter,
    int stepDownSecs,
    int secondaryCatchUpPeriodSecs,
    int freezeSecs,
    Duration catchUpTimeout,
    Duration promoteTimeout,
    Duration actionTimeout,
    String drillDatabase,
    String drillCollection,
    Duration drillWindow,
    String writeCheckDatabase,
    String writeCheckCollection) {

  /** How the connector signs in ({@code authMechanism}). */
  enum AuthMechanism {
    SCRAM_SHA_256,
    SCRAM_SHA_1,
    PLAIN
  }

  static final Set<String> ACTIONS = Set.of("fence", "clone", "discard-clone");
  private static final Set<String> RESOURCE_KEYS =
      Set.of(
          "user",
          "replicaSet",
          "authMechanism",
          "authSource",
          "tls",
          "clusterManager",
          "connectTimeout",
          "maxSwitchoverLag",
          "heartbeatStaleAfter",
          "stepDownSecs",
          "secondaryCatchUpPeriodSecs",
          "freezeSecs",
          "catchUpTimeout",
          "promoteTimeout",
          "actionTimeout",
          "drillDatabase",
          "drillCollection",
          "drillWindow",
          "writeCheckNamespace");
  private static final Set<String> MEMBER_KEYS = Set.of("hidden", "arbiter", "target");

  static MongoSettings parse(ConnectorConfig config) throws ConnectorException {
    try {
      return read(config);
    } catch (IllegalArgumentException e) {
      throw ConnectorException.permanent(
          "MongoDB resource " + config.resourceId() + ": " + e.getMessage());
    }
  }

  private static MongoSettings read(ConnectorConfig config) {
    SettingsReader s = SettingsReader.of(config.settings()).onlyKeys(RESOURCE_KEYS);
    SiteEndpoint primary =
        config
            .siteWithRole(SiteRole.PRIMARY)
            .orElseThrow(() -> new IllegalArgumentException("no site has the role PRIMARY"));
    SiteEndpoint dr =
        config
            .siteWithRole(SiteRole.DR)
            .orElseThrow(() -> new IllegalArgumentException("no site has the role DR"));
    for (SiteEndpoint site : config.sites()) {
      if (site.members().isEmpty()) {
        throw new IllegalArgumentException("site " + site.name() + " has no members");
      }
      for (String key : site.settings().keySet()) {
        if (key.startsWith("action.")) {
          if (!ACTIONS.contains(key.substring("action.".length()))) {
            throw new IllegalArgumentException(
                "site "
                    + site.name()
                    + ": unknown host action '"
                    + key
                    + "': known are "
                    + ACTIONS);
          }
        } else if (!Set.of("host", "port").contains(key)) {
          throw new IllegalArgumentException(
              "site " + site.name() + ": unknown setting '" + key + "'");
        }
      }
      if (site.settings().containsKey("action.clone")
          != site.settings().containsKey("action.discard-clone")) {
        throw new IllegalArgumentException(
            "site "
                + site.name()
                + ": set both 'action.clone' and 'action.discard-clone', or neither");
      }
      for (MemberEndpoint member : site.members()) {
        SettingsReader m =
            SettingsReader.of("member " + member.name() + ": ", member.settings())
                .onlyKeys(MEMBER_KEYS);
        m.bool("hidden", false);
        m.bool("arbiter", false);
        m.bool("target", false);
      }
    }
    AuthMechanism mechanism =
        AuthMechanism.valueOf(
            s.text("authMechanism", "SCRAM-SHA-256")
                .trim()
                .toUpperCase(Locale.ROOT)
                .replace('-', '_'));
    String authSource =
        s.text("authSource", mechanism == AuthMechanism.PLAIN ? "$external" : "admin");
    int stepDown = s.integer("stepDownSecs", 60, 1, 3600);
    int catchUp = s.integer("secondaryCatchUpPeriodSecs", 10, 0, 3600);
    if (stepDown < catchUp) {
      throw new IllegalArgumentException(
          "stepDownSecs ("
              + stepDown
              + ") must not be shorter than secondaryCatchUpPeriodSecs ("
              + catchUp
              + ")");
    }
    int freeze = s.integer("freezeSecs", stepDown + 60, 1, 86400);
    if (freeze <= catchUp) {
      throw new IllegalArgumentException(
          "freezeSecs must be longer than secondaryCatchUpPeriodSecs");
    }
    String namespace = s.text("writeCheckNamespace", "continuity.writeChecks");
    int dot = namespace.indexOf('.');
    if (dot <= 0 || dot == namespace.length() - 1) {
      throw new IllegalArgumentException("writeCheckNamespace must be <database>.<collection>");
    }
    MongoSettings settings =
        new MongoSettings(
            config,
            primary,
            dr,
            s.text("replicaSet").filter(v -> !v.isBlank()),
            mechanism,
            authSource,
            s.bool("tls", false),
            s.bool("clusterManager", true),
            s.duration("connectTimeout", "5s"),
            s.duration("maxSwitchoverLag", "10s"),
            s.duration("heartbeatStaleAfter", "30s"),
            stepDown,
            catchUp,
            freeze,
            s.duration("catchUpTimeout", "30s"),
            s.duration("promoteTimeout", "60s"),
            s.duration("actionTimeout", "60s"),
            s.text("drillDatabase", "admin"),
            s.text("drillCollection", "system.version"),
            s.duration("drillWindow", "2s"),
            namespace.substring(0, dot),
            namespace.substring(dot + 1));
    settings.targetOf(dr); // refuses a DR site with no member that could be promoted
    return settings;
  }

  /** The user name: the {@code username} secret, else the {@code user} setting. */
  Optional<String> user() throws ConnectorException {
    if (config.secrets().containsKey("username")) {
      try {
        return Optional.of(config.secret("username"));
      } catch (Exception e) {
        throw ConnectorException.permanent("the 'username' secret cannot be resolved", null);
      }
    }
    return Optional.ofNullable(config.settings().get("user")).filter(u -> !u.isBlank());
  }

  String resourceId() {
    return config.resourceId();
  }

  List<SiteEndpoint> sites() {
    return config.sites();
  }

  SiteEndpoint site(String name) throws ConnectorException {
    return config
        .site(name)
        .orElseThrow(
            () ->
                ConnectorException.permanent(
                    "MongoDB resource " + resourceId() + " has no site '" + name + "'"));
  }

  SiteEndpoint otherSite(SiteEndpoint site) {
    return site.name().equals(primarySite.name()) ? drSite : primarySite;
  }

  /**
   * The member of {@code site} the connector watches and promotes there: the one marked {@code
   * target: "true"}, else the first member not configured hidden or arbiter.
   */
  MemberEndpoint targetOf(SiteEndpoint site) {
    List<MemberEndpoint> candidates = new ArrayList<>();
    for (MemberEndpoint m : site.members()) {
      if (flag(m, "target")) {
        return m;
      }
      if (!flag(m, "hidden") && !flag(m, "arbiter")) {
        candidates.add(m);
      }
    }
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException(
          "site "
              + site.name()
              + " has no member that could become primary (all hidden or arbiters)");
    }
    return candidates.get(0);
  }

  static boolean flag(MemberEndpoint member, String key) {
    return "true".equalsIgnoreCase(member.setting(key, "false").trim());
  }

  Optional<String> action(SiteEndpoint site, String name) {
    return Optional.ofNullable(site.settings().get("action." + name)).filter(c -> !c.isBlank());
  }
}
