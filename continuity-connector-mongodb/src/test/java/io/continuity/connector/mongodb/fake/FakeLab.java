package io.continuity.connector.mongodb.fake;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import com.mongodb.MongoException;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.connection.ClusterConnectionMode;
import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.MemberEndpoint;
import io.continuity.connector.api.Platform;
import io.continuity.connector.api.SecretRef;
import io.continuity.connector.api.SiteEndpoint;
import io.continuity.connector.api.SiteRole;
import io.continuity.connector.testkit.SafetyLab;
import io.continuity.lab.mongodb.FakeReplicaSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * A fake three-member set for connector tests: {@code east-1}, {@code east-2} in the primary site
 * {@code east}, {@code west-1} in the DR site {@code west} (a minority), SASL PLAIN sign-in. The
 * east site's {@code action.fence} is a real shell command: it drops a file that a watcher turns
 * into stopping every east member, as a firewall or power-off would.
 */
public final class FakeLab implements SafetyLab {

  public static final String USER = "continuity";
  public static final String PASSWORD = "lab-Mongo-Secret-4711";
  public static final String PRIMARY_SITE = "east";
  public static final String DR_SITE = "west";

  private final FakeReplicaSet set;
  private final Path fenceDir;
  private final Thread watcher;
  private final Map<String, MongoClient> clients = new HashMap<>();
  private final Map<String, String> extraSettings = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> siteSettings = new LinkedHashMap<>();
  private long acknowledged;
  private volatile boolean closed;

  public FakeLab() throws Exception {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put(PRIMARY_SITE, 2);
    counts.put(DR_SITE, 1);
    this.set = FakeReplicaSet.start("rs0", counts).requireLogin(USER, PASSWORD);
    this.fenceDir = Files.createTempDirectory("mongo-fence-");
    this.watcher = new Thread(this::watchFences, "fake-fence-watcher");
    watcher.setDaemon(true);
    watcher.start();
  }

  public FakeReplicaSet set() {
    return set;
  }

  /** Adds or replaces a connector-wide setting of {@link #config()}. */
  public FakeLab with(String key, String value) {
    extraSettings.put(key, value);
    return this;
  }

  /** Adds a site setting (a host action) to {@link #config()}. */
  public FakeLab withSiteSetting(String site, String key, String value) {
    siteSettings.computeIfAbsent(site, k -> new LinkedHashMap<>()).put(key, value);
    return this;
  }

  @Override
  public ConnectorConfig config() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("user", USER);
    settings.put("authMechanism", "PLAIN");
    settings.put("replicaSet", "rs0");
    settings.put("connectTimeout", "2s");
    settings.put("stepDownSecs", "10");
    settings.put("secondaryCatchUpPeriodSecs", "2");
    settings.put("freezeSecs", "20");
    settings.put("catchUpTimeout", "3s");
    settings.put("promoteTimeout", "5s");
    settings.put("drillDatabase", "lab");
    settings.put("drillCollection", "writes");
    settings.put("drillWindow", "300ms");
    settings.putAll(extraSettings);
    return new ConnectorConfig(
        "orders-mongo",
        Platform.MONGODB,
        List.of(
            site(
                PRIMARY_SITE,
                SiteRole.PRIMARY,
                Map.of("action.fence", "touch '" + fenceDir + "'/fence-\"$CONTINUITY_SITE\"")),
            site(DR_SITE, SiteRole.DR, Map.of())),
        settings,
        Map.of("password", SecretRef.parse("env:LAB_MONGO_PASSWORD")),
        ref -> PASSWORD);
  }

  private SiteEndpoint site(String name, SiteRole role, Map<String, String> base) {
    Map<String, String> settings = new LinkedHashMap<>(base);
    settings.putAll(siteSettings.getOrDefault(name, Map.of()));
    List<MemberEndpoint> members = new ArrayList<>();
    for (FakeReplicaSet.Member m : set.membersOf(name)) {
      members.add(new MemberEndpoint(m.name(), "127.0.0.1", m.port(), Map.of()));
    }
    return new SiteEndpoint(name, role, settings, members);
  }

  @Override
  public String primarySite() {
    return PRIMARY_SITE;
  }

  @Override
  public String drSite() {
    return DR_SITE;
  }

  @Override
  public synchronized long write(int count) throws Exception {
    if (count > 0) {
      FakeReplicaSet.Member primary =
          set.primary().orElseThrow(() -> new IllegalStateException("no primary to write to"));
      MongoCollection<Document> writes = writes(primary);
      for (int i = 0; i < count; i++) {
        writes.insertOne(new Document("n", acknowledged + 1));
        acknowledged++;
      }
    }
    return acknowledged;
  }

  @Override
  public long writesVisibleOn(String site) throws Exception {
    long most = 0;
    for (FakeReplicaSet.Member m : set.membersOf(site)) {
      if (set.state(m) == FakeReplicaSet.DOWN) {
        continue;
      }
      most = Math.max(most, writes(m).countDocuments());
    }
    return most;
  }

  @Override
  public boolean takesWrites(String site) throws Exception {
    for (FakeReplicaSet.Member m : set.membersOf(site)) {
      if (set.state(m) == FakeReplicaSet.DOWN) {
        continue;
      }
      try {
        Document probe = new Document("probe", true);
        client(m).getDatabase("lab").getCollection("probes").insertOne(probe);
        client(m)
            .getDatabase("lab")
            .getCollection("probes")
            .deleteOne(new Document("_id", probe.get("_id")));
        return true;
      } catch (MongoException e) {
        // refused (10107) or unreachable: this member takes no writes
      }
    }
    return false;
  }

  @Override
  public void pauseReplication() {
    set.membersOf(DR_SITE).forEach(set::pauseApply);
  }

  @Override
  public void resumeReplication() {
    set.membersOf(DR_SITE).forEach(set::resumeApply);
  }

  @Override
  public void loseSite(String site) {
    set.membersOf(site).forEach(set::stop);
  }

  private MongoCollection<Document> writes(FakeReplicaSet.Member m) {
    return client(m).getDatabase("lab").getCollection("writes");
  }

  private synchronized MongoClient client(FakeReplicaSet.Member m) {
    return clients.computeIfAbsent(
        m.name(),
        name ->
            MongoClients.create(
                MongoClientSettings.builder()
                    .applyToClusterSettings(
                        c ->
                            c.hosts(List.of(new ServerAddress("127.0.0.1", m.port())))
                                .mode(ClusterConnectionMode.SINGLE)
                                .serverSelectionTimeout(2, TimeUnit.SECONDS))
                    .retryWrites(false)
                    .credential(
                        MongoCredential.createPlainCredential(
                            USER, "$external", PASSWORD.toCharArray()))
                    .build()));
  }

  private void watchFences() {
    while (!closed) {
      for (String site : List.of(PRIMARY_SITE, DR_SITE)) {
        Path file = fenceDir.resolve("fence-" + site);
        if (Files.exists(file)) {
          try {
            Files.delete(file);
          } catch (Exception e) {
            // next round
          }
          set.membersOf(site).stream()
              .filter(m -> set.state(m) != FakeReplicaSet.DOWN)
              .forEach(set::stop);
        }
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    watcher.interrupt();
    clients.values().forEach(MongoClient::close);
    set.close();
  }
}
