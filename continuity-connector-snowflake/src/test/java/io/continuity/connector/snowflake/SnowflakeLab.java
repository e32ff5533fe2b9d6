package io.continuity.connector.snowflake;

import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.MemberEndpoint;
import io.continuity.connector.api.Platform;
import io.continuity.connector.api.SecretRef;
import io.continuity.connector.api.SecretUnavailableException;
import io.continuity.connector.api.SiteEndpoint;
import io.continuity.connector.api.SiteRole;
import io.continuity.connector.testkit.SafetyLab;
import io.continuity.lab.snowflake.FakeAccount;
import io.continuity.lab.snowflake.FakeSnowflake;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Two fake accounts (EAST primary, WEST secondary) of one organization holding failover group FG1
 * with database SALES, and the connector configuration that reaches them: sites {@code east} and
 * {@code west}, one member each (host 127.0.0.1, the account's port, setting {@code account}), the
 * user and key by reference. The quiesce disables the writer user APP (what the fake's writes use).
 */
final class SnowflakeLab implements SafetyLab {

  static final String USER = "continuity";
  private static final KeyPair KEYS = generate();
  static final String PRIVATE_KEY_PEM = pem(KEYS);

  final FakeSnowflake fake;
  private final Map<String, String> overrides = new HashMap<>();
  private long acknowledged;

  SnowflakeLab() throws Exception {
    this(Duration.ofMillis(150));
  }

  SnowflakeLab(Duration schedule) throws Exception {
    fake = new FakeSnowflake("FG1", "SALES", schedule, "EAST", "WEST");
    fake.registerKey(USER, KEYS.getPublic());
  }

  static KeyPair keys() {
    return KEYS;
  }

  /** Replaces (or with null removes) one connector setting of {@link #config()}. */
  SnowflakeLab with(String key, String value) {
    overrides.put(key, value);
    return this;
  }

  FakeAccount east() {
    return fake.account("EAST");
  }

  FakeAccount west() {
    return fake.account("WEST");
  }

  @Override
  public ConnectorConfig config() {
    return config(PRIVATE_KEY_PEM);
  }

  ConnectorConfig config(String privateKeyPem) {
    Map<String, String> settings = new HashMap<>();
    settings.put("failoverGroup", "FG1");
    settings.put("database", "SALES");
    settings.put("warehouse", "DR_MONITOR_WH");
    settings.put("scheme", "http");
    settings.put("statementTimeout", "1s");
    settings.put("connectTimeout", "1s");
    settings.put("pollInterval", "10ms");
    settings.put("catchUpTimeout", "3s");
    settings.put("promoteTimeout", "2s");
    settings.put("quiesceStatement", "ALTER USER APP SET DISABLED = TRUE");
    settings.put("resumeWritesStatement", "ALTER USER APP SET DISABLED = FALSE");
    overrides.forEach(
        (k, v) -> {
          if (v == null) {
            settings.remove(k);
          } else {
            settings.put(k, v);
          }
        });
    List<SiteEndpoint> sites =
        List.of(site("east", SiteRole.PRIMARY, east()), site("west", SiteRole.DR, west()));
    Map<String, SecretRef> secrets =
        Map.of("user", SecretRef.parse("env:SF_USER"), "privateKey", SecretRef.parse("env:SF_KEY"));
    return new ConnectorConfig(
        "analytics-dw",
        Platform.SNOWFLAKE,
        sites,
        settings,
        secrets,
        ref -> {
          switch (ref.name()) {
            case "SF_USER":
              return USER;
            case "SF_KEY":
              return privateKeyPem;
            default:
              throw new SecretUnavailableException(ref, "not set");
          }
        });
  }

  private static SiteEndpoint site(String name, SiteRole role, FakeAccount account) {
    return new SiteEndpoint(
        name,
        role,
        Map.of(),
        List.of(
            new MemberEndpoint(
                name, "127.0.0.1", account.port(), Map.of("account", account.identifier()))));
  }

  private FakeAccount accountOf(String site) {
    return site.equals("east") ? east() : west();
  }

  @Override
  public String primarySite() {
    return "east";
  }

  @Override
  public String drSite() {
    return "west";
  }

  @Override
  public long write(int count) {
    if (count > 0) {
      boolean done = false;
      for (FakeAccount a : fake.accounts.values()) {
        if (fake.write(a, count)) {
          done = true;
          break;
        }
      }
      if (!done) {
        throw new IllegalStateException("no account takes writes");
      }
      acknowledged += count;
    }
    return acknowledged;
  }

  @Override
  public long writesVisibleOn(String site) {
    return accountOf(site).data.size();
  }

  @Override
  public boolean takesWrites(String site) {
    return fake.takesWrites(accountOf(site));
  }

  @Override
  public void pauseReplication() {
    fake.replicationPaused = true;
  }

  @Override
  public void resumeReplication() {
    fake.replicationPaused = false;
  }

  @Override
  public void loseSite(String site) {
    accountOf(site).stop();
  }

  @Override
  public void close() {
    fake.close();
  }

  private static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String pem(KeyPair keys) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }
}
