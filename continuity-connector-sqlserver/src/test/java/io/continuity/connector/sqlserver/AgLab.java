package io.continuity.connector.sqlserver;

import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.MemberEndpoint;
import io.continuity.connector.api.Platform;
import io.continuity.connector.api.SecretRef;
import io.continuity.connector.api.SecretUnavailableException;
import io.continuity.connector.api.SiteEndpoint;
import io.continuity.connector.api.SiteRole;
import io.continuity.connector.testkit.SafetyLab;
import io.continuity.lab.sqlserver.AgSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An availability group AG_PAYMENTS with databases Payments and Ledger: site east holds SQLPAY01
 * (primary) and SQLPAY02, both synchronous commit; site west holds SQLPAY03, asynchronous commit
 * (the usual cross-site layout). Each site's fence host action creates a file the simulator reads
 * as "clients are kept off this site".
 */
final class AgLab implements SafetyLab {

  static final String PASSWORD = "lab-Secret-1433";
  static final String GROUP = "AG_PAYMENTS";

  final AgSimulator sim;
  private final Path dir;
  private final boolean fenceActions;
  private final boolean secondDr;
  private final Map<String, String> extraSettings = new LinkedHashMap<>();

  AgLab() throws Exception {
    this(true);
  }

  AgLab(boolean fenceActions) throws Exception {
    this(fenceActions, false);
  }

  /** With {@code secondDr}, site west also holds SQLPAY04 (west-2), asynchronous commit. */
  AgLab(boolean fenceActions, boolean secondDr) throws Exception {
    this.dir = Files.createTempDirectory("ag-lab-");
    this.fenceActions = fenceActions;
    this.secondDr = secondDr;
    this.sim =
        new AgSimulator(GROUP, List.of("Ledger", "Payments"), dir, Duration.ofMillis(150), PASSWORD)
            .replica("SQLPAY01", "east", "east-1", "SYNCHRONOUS_COMMIT", "PRIMARY")
            .replica("SQLPAY02", "east", "east-2", "SYNCHRONOUS_COMMIT", "SECONDARY")
            .replica("SQLPAY03", "west", "west-1", "ASYNCHRONOUS_COMMIT", "SECONDARY");
    if (secondDr) {
      sim.replica("SQLPAY04", "west", "west-2", "ASYNCHRONOUS_COMMIT", "SECONDARY");
    }
  }

  AgLab with(String key, String value) {
    extraSettings.put(key, value);
    return this;
  }

  /** The factory the tests use: the production class over the simulator, checking the password. */
  SqlServerConnectorFactory factory() {
    return factory(sim);
  }

  static SqlServerConnectorFactory factory(AgSimulator sim) {
    return new SqlServerConnectorFactory(
        (config, settings) ->
            (member, intent, timeout) -> {
              String given;
              try {
                given = config.secret("password");
              } catch (SecretUnavailableException e) {
                throw new SQLException("Login failed for user 'continuity'.", "28000", 18456);
              }
              if (!sim.password().equals(given)) {
                throw new SQLException("Login failed for user 'continuity'.", "28000", 18456);
              }
              return SimulatedSessions.over(sim).open(member, intent, timeout);
            },
        Clock.systemUTC());
  }

  @Override
  public ConnectorConfig config() {
    return config(PASSWORD);
  }

  ConnectorConfig config(String password) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("availabilityGroup", GROUP);
    settings.put("databases", "Payments, Ledger");
    settings.put("encrypt", "true");
    settings.put("catchUpTimeout", "3s");
    settings.put("recoveryTimeout", "3s");
    settings.putAll(extraSettings);
    return new ConnectorConfig(
        "payments-db",
        Platform.SQLSERVER,
        List.of(
            site("east", SiteRole.PRIMARY, "east-1", "east-2"),
            secondDr
                ? site("west", SiteRole.DR, "west-1", "west-2")
                : site("west", SiteRole.DR, "west-1")),
        settings,
        Map.of(
            "username", SecretRef.parse("env:AG_USER"),
            "password", SecretRef.parse("env:AG_PASSWORD")),
        ref -> ref.name().equals("AG_USER") ? "continuity" : password);
  }

  private SiteEndpoint site(String name, SiteRole role, String... members) {
    Map<String, String> settings = new LinkedHashMap<>();
    if (fenceActions) {
      settings.put("action.fence", "touch '" + dir.resolve("fenced-" + name) + "'");
    }
    List<MemberEndpoint> list =
        Stream.of(members)
            .map(m -> new MemberEndpoint(m, m + ".example.internal", 1433, Map.of()))
            .toList();
    return new SiteEndpoint(name, role, settings, list);
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
    return sim.write(count);
  }

  @Override
  public long writesVisibleOn(String site) {
    return sim.replicas.values().stream()
        .filter(r -> r.site.equals(site))
        .mapToLong(r -> sim.count(r.name, "Payments"))
        .max()
        .orElse(0);
  }

  @Override
  public boolean takesWrites(String site) {
    return sim.replicas.values().stream()
        .filter(r -> r.site.equals(site))
        .anyMatch(sim::takesWrites);
  }

  @Override
  public void pauseReplication() {
    sim.set(
        () ->
            sim.replicas.values().stream()
                .filter(r -> r.site.equals("west"))
                .forEach(r -> r.linkUp = false));
  }

  @Override
  public void resumeReplication() {
    sim.set(
        () ->
            sim.replicas.values().stream()
                .filter(r -> r.site.equals("west"))
                .forEach(r -> r.linkUp = true));
  }

  @Override
  public void loseSite(String site) {
    sim.set(
        () ->
            sim.replicas.values().stream()
                .filter(r -> r.site.equals(site))
                .forEach(r -> r.up = false));
  }

  /** Brings a lost or fenced site back (its replicas keep the state the simulator gave them). */
  void restoreSite(String site) throws Exception {
    Files.deleteIfExists(dir.resolve("fenced-" + site));
    sim.set(
        () ->
            sim.replicas.values().stream()
                .filter(r -> r.site.equals(site))
                .forEach(r -> r.up = true));
  }

  @Override
  public void close() throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
