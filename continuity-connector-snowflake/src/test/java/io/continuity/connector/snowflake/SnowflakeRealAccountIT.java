package io.continuity.connector.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Connector;
import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.EnvironmentSecretResolver;
import io.continuity.connector.api.MemberEndpoint;
import io.continuity.connector.api.Platform;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.SecretRef;
import io.continuity.connector.api.SiteEndpoint;
import io.continuity.connector.api.SiteRole;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A read-only probe of a real failover group, when the environment names one:
 * CONTINUITY_SNOWFLAKE_ACCOUNT and CONTINUITY_SNOWFLAKE_DR_ACCOUNT (identifiers such as
 * MYORG-EAST), CONTINUITY_SNOWFLAKE_USER, CONTINUITY_SNOWFLAKE_KEY (a reference: env:NAME or
 * file:/path of an unencrypted PKCS#8 key), CONTINUITY_SNOWFLAKE_GROUP,
 * CONTINUITY_SNOWFLAKE_DATABASE and optionally CONTINUITY_SNOWFLAKE_WAREHOUSE / _ROLE. Nothing is
 * changed: only the probe runs. Skipped, with the reason printed, without those variables (as in
 * CI, which has no Snowflake account).
 */
class SnowflakeRealAccountIT {

  @Test
  void aReadOnlyProbeOfARealFailoverGroupSeesItsPrimaryAndSnapshot() throws Exception {
    Map<String, String> env = System.getenv();
    List<String> needed =
        List.of(
            "CONTINUITY_SNOWFLAKE_ACCOUNT",
            "CONTINUITY_SNOWFLAKE_DR_ACCOUNT",
            "CONTINUITY_SNOWFLAKE_USER",
            "CONTINUITY_SNOWFLAKE_KEY",
            "CONTINUITY_SNOWFLAKE_GROUP",
            "CONTINUITY_SNOWFLAKE_DATABASE");
    List<String> missing = needed.stream().filter(k -> env.get(k) == null).toList();
    Assumptions.assumeTrue(
        missing.isEmpty(), "no real Snowflake account configured: set " + missing + " to run it");
    Map<String, String> settings = new HashMap<>();
    settings.put("failoverGroup", env.get("CONTINUITY_SNOWFLAKE_GROUP"));
    settings.put("database", env.get("CONTINUITY_SNOWFLAKE_DATABASE"));
    if (env.get("CONTINUITY_SNOWFLAKE_WAREHOUSE") != null) {
      settings.put("warehouse", env.get("CONTINUITY_SNOWFLAKE_WAREHOUSE"));
    }
    if (env.get("CONTINUITY_SNOWFLAKE_ROLE") != null) {
      settings.put("role", env.get("CONTINUITY_SNOWFLAKE_ROLE"));
    }
    ConnectorConfig config =
        new ConnectorConfig(
            "real-snowflake",
            Platform.SNOWFLAKE,
            List.of(
                site("primary", SiteRole.PRIMARY, env.get("CONTINUITY_SNOWFLAKE_ACCOUNT")),
                site("dr", SiteRole.DR, env.get("CONTINUITY_SNOWFLAKE_DR_ACCOUNT"))),
            settings,
            Map.of(
                "user", SecretRef.parse("env:CONTINUITY_SNOWFLAKE_USER"),
                "privateKey", SecretRef.parse(env.get("CONTINUITY_SNOWFLAKE_KEY"))),
            EnvironmentSecretResolver.system());

    try (Connector connector = new SnowflakeConnectorFactory().create(config)) {
      ProbeResult probe = connector.probe(Duration.ofSeconds(60));

      assertThat(probe.allSitesReachable()).as("%s", probe.sites()).isTrue();
      assertThat(probe.primarySite()).isPresent();
      assertThat(probe.drMarker())
          .hasValueSatisfying(m -> assertThat(m.kind()).isEqualTo("SNAPSHOT_TIME"));
    }
  }

  private static SiteEndpoint site(String name, SiteRole role, String account) {
    String host = account.toLowerCase(Locale.ROOT).replace('_', '-') + ".snowflakecomputing.com";
    return new SiteEndpoint(
        name,
        role,
        Map.of(),
        List.of(new MemberEndpoint(name, host, 443, Map.of("account", account))));
  }
}
