package io.continuity.connector.sqlserver;

import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.MemberEndpoint;
import io.continuity.connector.api.SiteEndpoint;
import io.continuity.connector.api.SiteRole;
import io.continuity.connector.support.SettingsReader;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The connector's configuration, parsed once when the connector is made; every error names the
 * setting to fix. See the module README for the keys.
 */
record AgSettings(
    String resourceId,
    String availabilityGroup,
    List<String> databases,
    ClusterType clusterType,
    boolean distributed,
    String encrypt,
    boolean trustServerCertificate,
    Optional<String> hostNameInCertificate,
    ZoneOffset serverTimeZone,
    Duration catchUpTimeout,
    Duration recoveryTimeout,
    boolean restoreCommitModes,
    List<SiteEndpoint> sites) {

  /** {@code sys.availability_groups.cluster_type_desc} (SQL Server 2017+). */
  enum ClusterType {
    WSFC,
    EXTERNAL,
    NONE
  }

  static final Set<String> KEYS =
      Set.of(
          "availabilityGroup",
          "databases",
          "database",
          "listener",
          "listenerPort",
          "clusterType",
          "distributed",
          "encrypt",
          "trustServerCertificate",
          "hostNameInCertificate",
          "serverTimeZone",
          "catchUpTimeout",
          "recoveryTimeout",
          "restoreCommitModes");

  static AgSettings parse(ConnectorConfig config) {
    SettingsReader s = SettingsReader.of(config.settings()).onlyKeys(KEYS);
    String group = s.required("availabilityGroup", "the availability group's name");
    AgQueries.quoteName(group);
    if (s.text("databases").isPresent() && s.text("database").isPresent()) {
      throw new IllegalArgumentException("give either 'database' or 'databases', not both");
    }
    List<String> databases =
        s.text("databases")
            .or(() -> s.text("database"))
            .map(
                text ->
                    Arrays.stream(text.split(","))
                        .map(String::trim)
                        .filter(d -> !d.isEmpty())
                        .toList())
            .orElse(List.of());
    databases.forEach(AgQueries::quoteName);
    String encrypt = s.text("encrypt", "true").trim().toLowerCase(java.util.Locale.ROOT);
    if (!List.of("true", "false", "strict", "optional").contains(encrypt)) {
      throw new IllegalArgumentException(
          "setting 'encrypt' must be true, false, strict or optional (mssql-jdbc's values)");
    }
    ZoneOffset zone;
    try {
      zone = ZoneOffset.of(s.text("serverTimeZone", "Z").trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "setting 'serverTimeZone' must be an offset such as Z or +01:00 (the zone of the"
              + " replicas' clocks: DMV times are local times)");
    }
    if (config.sites().stream().filter(x -> x.role() == SiteRole.PRIMARY).count() != 1
        || config.sites().stream().noneMatch(x -> x.role() == SiteRole.DR)) {
      throw new IllegalArgumentException(
          "an availability group needs one PRIMARY site and at least one DR site");
    }
    for (SiteEndpoint site : config.sites()) {
      if (site.members().isEmpty()) {
        throw new IllegalArgumentException(
            "site " + site.name() + ": no members: list the replicas with name, host and port");
      }
      for (String key : site.settings().keySet()) {
        if (!List.of("host", "port", "instance").contains(key) && !key.startsWith("action.")) {
          throw new IllegalArgumentException(
              "site "
                  + site.name()
                  + ": unknown setting '"
                  + key
                  + "': known are host, port, instance and action.<name>");
        }
      }
      for (MemberEndpoint member : site.members()) {
        if (member.port() == 0) {
          throw new IllegalArgumentException(
              "site " + site.name() + ", member " + member.name() + ": needs a port (1433)");
        }
        SettingsReader.of(
                "site " + site.name() + ", member " + member.name() + ": ", member.settings())
            .onlyKeys(Set.of("hostNameInCertificate"));
      }
    }
    return new AgSettings(
        config.resourceId(),
        group,
        databases,
        s.enumValue("clusterType", ClusterType.class, ClusterType.WSFC),
        s.bool("distributed", false),
        encrypt,
        s.bool("trustServerCertificate", false),
        s.text("hostNameInCertificate"),
        zone,
        s.duration("catchUpTimeout", "60s"),
        s.duration("recoveryTimeout", "60s"),
        s.bool("restoreCommitModes", true),
        config.sites());
  }

  SiteEndpoint configuredPrimary() {
    return sites.stream().filter(s -> s.role() == SiteRole.PRIMARY).findFirst().orElseThrow();
  }

  Optional<SiteEndpoint> site(String name) {
    return sites.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** True when this database is one the connector watches (all of the group when none listed). */
  boolean watches(String database) {
    return databases.isEmpty() || databases.contains(database);
  }
}
