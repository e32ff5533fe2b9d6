package io.continuity.lab.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoCredential;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.connection.ClusterConnectionMode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fake answers with MongoDB's documented shapes and error codes (replSetStepDown,
 * replSetFreeze, replSetReconfig, replSetGetStatus, writes on a secondary), through the real
 * driver.
 */
class FakeReplicaSetTest {

  private static final String USER = "continuity";
  private static final String PASSWORD = "lab-Mongo-Secret-4711";

  private FakeReplicaSet set;
  private final List<MongoClient> clients = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
    counts.put("east", 2);
    counts.put("west", 1);
    set = FakeReplicaSet.start("rs0", counts).requireLogin(USER, PASSWORD);
  }

  @AfterEach
  void stop() {
    clients.forEach(MongoClient::close);
    set.close();
  }

  private Document admin(String member, Document command) {
    return run(member, "admin", command);
  }

  private Document run(String member, String database, Document command) {
    FakeReplicaSet.Member m = set.member(member);
    MongoClient client =
        MongoClients.create(
            MongoClientSettings.builder()
                .applyToClusterSettings(
                    c ->
                        c.hosts(List.of(new ServerAddress("127.0.0.1", m.port())))
                            .mode(ClusterConnectionMode.SINGLE)
                            .serverSelectionTimeout(2, TimeUnit.SECONDS))
                .credential(
                    MongoCredential.createPlainCredential(
                        USER, "$external", PASSWORD.toCharArray()))
                .retryWrites(false)
                .build());
    clients.add(client);
    return client.getDatabase(database).runCommand(command);
  }

  private static int code(Runnable command) {
    try {
      command.run();
    } catch (MongoCommandException e) {
      return e.getErrorCode();
    }
    throw new AssertionError("no error");
  }

  @Test
  void helloDescribesTheSetAndTheMemberAsTheDriverExpects() {
    Document primary = admin("east-1", new Document("hello", 1));
    Document secondary = admin("west-1", new Document("isMaster", 1));

    assertThat(primary.getBoolean("isWritablePrimary")).isTrue();
    assertThat(primary.getString("setName")).isEqualTo("rs0");
    assertThat(primary.getList("hosts", String.class)).hasSize(3);
    assertThat(primary.get("lastWrite", Document.class))
        .containsKeys("opTime", "lastWriteDate", "majorityOpTime");
    assertThat(primary.getInteger("maxWireVersion")).isGreaterThanOrEqualTo(8);
    assertThat(secondary.getBoolean("ismaster")).as("the legacy name answers ismaster").isFalse();
    assertThat(secondary.getBoolean("secondary")).isTrue();
    assertThat(secondary.getString("primary")).isEqualTo(primary.getString("me"));
  }

  @Test
  void aSecondaryRefusesWritesAndStepdownWithNotWritablePrimary() {
    assertThat(code(() -> admin("west-1", new Document("replSetStepDown", 60)))).isEqualTo(10107);
    MongoCommandException e =
        (MongoCommandException)
            catchThrowable(
                () ->
                    run(
                        "west-1",
                        "lab",
                        new Document("insert", "w")
                            .append("documents", List.of(new Document("a", 1)))));

    assertThat(e.getErrorCode()).isEqualTo(10107);
    assertThat(e.getErrorCodeName()).isEqualTo("NotWritablePrimary");
  }

  @Test
  void stepdownWithoutACaughtUpElectableSecondaryIsExceededTimeLimitAndTheNodeStaysPrimary() {
    set.pauseApply(set.member("east-2"));
    set.pauseApply(set.member("west-1"));
    run(
        "east-1",
        "lab",
        new Document("insert", "w").append("documents", List.of(new Document("a", 1))));

    MongoCommandException e =
        (MongoCommandException)
            catchThrowable(
                () ->
                    admin(
                        "east-1",
                        new Document("replSetStepDown", 10)
                            .append("secondaryCatchUpPeriodSecs", 1)));

    assertThat(e.getErrorCode()).isEqualTo(262);
    assertThat(e.getErrorMessage()).startsWith("No electable secondaries caught up as of");
    assertThat(set.primary().map(FakeReplicaSet.Member::name)).contains("east-1");
    assertThat(
            code(
                () ->
                    admin(
                        "east-1",
                        new Document("replSetStepDown", 1)
                            .append("secondaryCatchUpPeriodSecs", 5))))
        .as("stepdown period shorter than the catch-up period")
        .isEqualTo(2);
    assertThat(
            code(
                () ->
                    admin(
                        "east-1",
                        new Document("replSetStepDown", 10)
                            .append("secondaryCatchUpPeriodSecs", "STR"))))
        .as("a non-numeric catch-up period")
        .isEqualTo(14);
    set.grantOnly("clusterMonitor");
    assertThat(code(() -> admin("east-1", new Document("replSetStepDown", 10))))
        .as("without replSetStateChange")
        .isEqualTo(13);
  }

  @Test
  void freezeReconfigAndStatusFollowTheDocumentedRules() {
    assertThat(code(() -> admin("east-1", new Document("replSetFreeze", 30)))).isEqualTo(95);
    Document config =
        admin("east-1", new Document("replSetGetConfig", 1)).get("config", Document.class);
    assertThat(code(() -> admin("west-1", new Document("replSetReconfig", config))))
        .isEqualTo(10107);
    assertThat(code(() -> admin("east-1", new Document("replSetReconfig", config))))
        .as("the version must grow")
        .isEqualTo(103);

    set.stop(set.member("east-2"));
    Document status = admin("west-1", new Document("replSetGetStatus", 1));
    Document down =
        status.getList("members", Document.class).stream()
            .filter(m -> m.getDouble("health") == 0.0)
            .findFirst()
            .orElseThrow();
    assertThat(down.getInteger("state")).isEqualTo(8);
    assertThat(down.getString("stateStr")).isEqualTo("(not reachable/healthy)");
    assertThat(down.get("optime", Document.class).getLong("t")).isEqualTo(-1L);
    assertThat(status.get("optimes", Document.class))
        .containsKeys("appliedOpTime", "lastCommittedOpTime", "durableOpTime");

    long version = config.get("version", Number.class).longValue();
    admin("west-1", new Document("replSetReconfig", config).append("force", true));
    long forced =
        admin("west-1", new Document("replSetGetConfig", 1))
            .get("config", Document.class)
            .get("version", Number.class)
            .longValue();
    assertThat(forced - version)
        .as("a forced reconfig raises the version by tens of thousands")
        .isGreaterThanOrEqualTo(10_000);
  }

  private static Throwable catchThrowable(Runnable r) {
    try {
      r.run();
    } catch (Throwable t) {
      return t;
    }
    throw new AssertionError("no error");
  }
}
