package io.continuity.connector.sqlserver;

import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorFactory;
import io.continuity.connector.api.EnvironmentSecretResolver;
import io.continuity.connector.api.MemberEndpoint;
import io.continuity.connector.api.Platform;
import io.continuity.connector.api.SecretRef;
import io.continuity.connector.api.SiteEndpoint;
import io.continuity.connector.api.SiteRole;
import io.continuity.connector.testkit.ConnectorContract;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The same SPI contract against a real availability group, when {@code CONTINUITY_SQLSERVER_URL}
 * names one: {@code sqlserver://USER:PASSWORD@host1:1433,host2:1433/AG_NAME}, the last host being
 * the DR site's replica (or {@code CONTINUITY_SQLSERVER_DR_HOSTS}, comma-separated). Only the
 * contract runs (probes, plans, prechecks): nothing changes roles on a real group. Encryption
 * follows mssql-jdbc's defaults; {@code CONTINUITY_SQLSERVER_TRUST_CERT=true} trusts a self-signed
 * certificate. Skipped, with the reason printed, when the variable is not set (as in CI, which has
 * no SQL Server).
 */
class SqlServerRealAgContractIT extends ConnectorContract {

  private static java.net.URI url;
  private static String user;
  private static String password;

  @BeforeAll
  static void needsARealGroup() {
    String value = System.getenv("CONTINUITY_SQLSERVER_URL");
    if (value == null || value.isBlank()) {
      String reason =
          "CONTINUITY_SQLSERVER_URL is not set: no real availability group to run the contract"
              + " against (see the module README, 'Tests')";
      System.out.println("SqlServerRealAgContractIT skipped: " + reason);
      Assumptions.abort(reason);
    }
    url = java.net.URI.create(value);
    String info = url.getRawUserInfo();
    Assumptions.assumeTrue(
        info != null && info.contains(":"),
        "CONTINUITY_SQLSERVER_URL has no user:password: the contract needs a password");
    user =
        java.net.URLDecoder.decode(
            info.substring(0, info.indexOf(':')), java.nio.charset.StandardCharsets.UTF_8);
    password =
        java.net.URLDecoder.decode(
            info.substring(info.indexOf(':') + 1), java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  protected ConnectorFactory factory() {
    return new SqlServerConnectorFactory();
  }

  @Override
  protected ConnectorConfig healthyConfig() {
    String authority = url.getRawAuthority();
    List<String> hosts = List.of(authority.substring(authority.indexOf('@') + 1).split(","));
    String drList = System.getenv("CONTINUITY_SQLSERVER_DR_HOSTS");
    List<String> dr =
        drList == null || drList.isBlank()
            ? List.of(hosts.get(hosts.size() - 1))
            : List.of(drList.split(","));
    List<MemberEndpoint> east = new ArrayList<>();
    List<MemberEndpoint> west = new ArrayList<>();
    for (String host : hosts) {
      String[] hp = host.trim().split(":");
      MemberEndpoint member =
          new MemberEndpoint(
              hp[0], hp[0], hp.length > 1 ? Integer.parseInt(hp[1]) : 1433, Map.of());
      (dr.contains(host.trim()) ? west : east).add(member);
    }
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("availabilityGroup", url.getPath().replaceFirst("^/", ""));
    if ("true".equalsIgnoreCase(System.getenv("CONTINUITY_SQLSERVER_TRUST_CERT"))) {
      settings.put("trustServerCertificate", "true");
    }
    return new ConnectorConfig(
        "real-ag",
        Platform.SQLSERVER,
        List.of(
            new SiteEndpoint("east", SiteRole.PRIMARY, Map.of(), east),
            new SiteEndpoint("west", SiteRole.DR, Map.of(), west)),
        settings,
        Map.of(
            "username", SecretRef.parse("env:CONTINUITY_AG_USER"),
            "password", SecretRef.parse("env:CONTINUITY_AG_PASSWORD")),
        new EnvironmentSecretResolver(
            Map.of("CONTINUITY_AG_USER", user, "CONTINUITY_AG_PASSWORD", password)));
  }

  @Override
  protected String configuredSecretValue() {
    return password;
  }
}
