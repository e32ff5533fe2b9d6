package io.continuity.connector.mongodb;

import com.mongodb.ConnectionString;
import com.mongodb.ServerAddress;
import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorFactory;
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
 * The same SPI contract against a real replica set, when {@code CONTINUITY_MONGODB_URI} names one
 * (for example {@code
 * mongodb://user:pw@h1:27017,h2:27017,h3:27017/?replicaSet=rs0&authSource=admin}). The last host of
 * the URI is the DR site's member, the others the primary site's; {@code
 * CONTINUITY_MONGODB_DR_HOSTS} (comma-separated {@code host:port}) chooses other DR members. Only
 * the contract runs here (probes, plans, prechecks): nothing changes roles on a real set. The user
 * needs a password (the contract checks it never leaks). Skipped, with the reason printed, when the
 * variable is not set (as in CI, which has no real replica set).
 */
class MongoRealReplicaSetContractIT extends ConnectorContract {

  private static ConnectionString uri;

  @BeforeAll
  static void needsARealSet() {
    String value = System.getenv("CONTINUITY_MONGODB_URI");
    if (value == null || value.isBlank()) {
      String reason =
          "CONTINUITY_MONGODB_URI is not set: no real replica set to run the contract against"
              + " (see the module README, 'Tests')";
      System.out.println("MongoRealReplicaSetContractIT skipped: " + reason);
      Assumptions.abort(reason);
    }
    uri = new ConnectionString(value);
    Assumptions.assumeTrue(
        uri.getPassword() != null,
        "CONTINUITY_MONGODB_URI has no password: the contract needs one");
  }

  @Override
  protected ConnectorFactory factory() {
    return new MongoConnectorFactory();
  }

  @Override
  protected ConnectorConfig healthyConfig() {
    List<String> hosts = uri.getHosts();
    String drList = System.getenv("CONTINUITY_MONGODB_DR_HOSTS");
    List<String> dr =
        drList == null || drList.isBlank()
            ? List.of(hosts.get(hosts.size() - 1))
            : List.of(drList.split(","));
    List<MemberEndpoint> primary = new ArrayList<>();
    List<MemberEndpoint> disaster = new ArrayList<>();
    for (String host : hosts) {
      ServerAddress address = new ServerAddress(host);
      MemberEndpoint member =
          new MemberEndpoint(
              address.getHost().replace('.', '-') + "-" + address.getPort(),
              address.getHost(),
              address.getPort(),
              Map.of());
      (dr.contains(host.trim()) ? disaster : primary).add(member);
    }
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("user", uri.getUsername());
    if (uri.getRequiredReplicaSetName() != null) {
      settings.put("replicaSet", uri.getRequiredReplicaSetName());
    }
    if (uri.getCredential() != null && uri.getCredential().getSource() != null) {
      settings.put("authSource", uri.getCredential().getSource());
    }
    if (uri.getCredential() != null && uri.getCredential().getMechanism() != null) {
      settings.put("authMechanism", uri.getCredential().getMechanism());
    }
    if (Boolean.TRUE.equals(uri.getSslEnabled())) {
      settings.put("tls", "true");
    }
    String password = new String(uri.getPassword());
    return new ConnectorConfig(
        "real-replica-set",
        Platform.MONGODB,
        List.of(
            new SiteEndpoint("primary-site", SiteRole.PRIMARY, Map.of(), primary),
            new SiteEndpoint("dr-site", SiteRole.DR, Map.of(), disaster)),
        settings,
        Map.of("password", SecretRef.parse("env:CONTINUITY_MONGODB_PASSWORD")),
        ref -> password);
  }

  @Override
  protected String configuredSecretValue() {
    return new String(uri.getPassword());
  }
}
