package io.continuity.connector.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.continuity.connector.api.Connector;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.PlanStep;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.mongodb.fake.FakeLab;
import io.continuity.connector.testkit.PlanRunner;
import io.continuity.lab.mongodb.FakeReplicaSet;
import io.netty.channel.Channel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The drill's isolated clone: created by a host action, read and written, discarded. */
class MongoCloneDrillTest {

  private FakeLab lab;
  private MongoServer clone;
  private MemoryBackend cloneData;
  private Path dir;
  private Thread watcher;

  /** A standalone copy: plain isMaster (no setName), accepts the connector's PLAIN sign-in. */
  private static final class StandaloneCopy extends MemoryBackend {
    @Override
    public Document handleCommand(
        Channel channel, String database, String command, Document query) {
      if (command.equalsIgnoreCase("saslStart")) {
        return new Document("conversationId", 1)
            .append("done", true)
            .append("payload", new de.bwaldvogel.mongo.bson.BinData(new byte[0]))
            .append("ok", 1.0);
      }
      return super.handleCommand(channel, database, command, query);
    }
  }

  @BeforeEach
  void start() throws Exception {
    lab = new FakeLab();
    lab.write(7);
    cloneData = new StandaloneCopy();
    clone = new MongoServer(cloneData);
    int port = clone.bind().getPort();
    dir = Files.createTempDirectory("mongo-clone-");
    lab.withSiteSetting("west", "action.clone", "echo 'clone-endpoint: 127.0.0.1:" + port + "'")
        .withSiteSetting("west", "action.discard-clone", "touch '" + dir + "/discard'");
    watcher =
        new Thread(
            () -> {
              while (!Files.exists(dir.resolve("discard"))) {
                try {
                  Thread.sleep(20);
                } catch (InterruptedException e) {
                  return;
                }
              }
              clone.shutdownNow();
            });
    watcher.setDaemon(true);
    watcher.start();
  }

  @AfterEach
  void stop() {
    watcher.interrupt();
    clone.shutdownNow();
    lab.close();
  }

  @Test
  void aDrillWritesOnlyOnTheStandaloneCloneAndDiscardsIt() throws Exception {
    try (Connector c = new MongoConnectorFactory().create(lab.config())) {
      assertThat(
              c.plan(
                      new io.continuity.connector.api.OperationRequest(
                          OperationType.DRILL, "west", Map.of()))
                  .steps())
          .extracting(PlanStep::id)
          .containsSubsequence(
              "create-clone", "validate-clone", "discard-clone", "postcheck-roles");

      Map<String, StepResult> results =
          PlanRunner.run(c, OperationType.DRILL, "west", Map.of(), Optional.empty());

      assertThat(results.values()).as("%s", results).allMatch(StepResult::succeeded);
      assertThat(results.get("validate-clone").output()).contains("committed a drill write");
      assertThat(results.get("discard-clone").output()).contains("clone discarded");
      assertThat(lab.takesWrites("west")).as("production DR member untouched").isFalse();
      assertThat(lab.set().primary().map(FakeReplicaSet.Member::name)).contains("east-1");
    }
  }

  @Test
  void aCloneEndpointThatIsAProductionMemberIsRefused() throws Exception {
    int west = lab.set().member("west-1").port();
    lab.withSiteSetting("west", "action.clone", "echo 'clone-endpoint: 127.0.0.1:" + west + "'");
    try (Connector c = new MongoConnectorFactory().create(lab.config())) {
      Map<String, StepResult> results =
          PlanRunner.run(c, OperationType.DRILL, "west", Map.of(), Optional.empty());

      StepResult create = results.get("create-clone");
      assertThat(create.succeeded()).isFalse();
      assertThat(create.output()).startsWith("REFUSED").contains("production member");
      assertThat(results).doesNotContainKey("validate-clone");
    }
  }
}
