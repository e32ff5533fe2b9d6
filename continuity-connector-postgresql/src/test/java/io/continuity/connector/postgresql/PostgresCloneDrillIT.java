package io.continuity.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Connector;
import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.OperationRequest;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.testkit.PlanRunner;
import io.continuity.lab.PostgresNode;
import io.continuity.lab.PostgresPair;
import io.continuity.lab.junit.LabAssumptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A drill on an isolated clone of the standby: promoted and written, discarded, roles intact. */
class PostgresCloneDrillIT {

  private static PostgresPair pair;

  @BeforeAll
  static void startPair() {
    pair = PostgresPair.start(LabAssumptions.postgresBinaries());
    pair.node("east").sql("create table drilled(id int primary key)");
    pair.node("east").sql("insert into drilled select generate_series(1, 42)");
    pair.node("west").awaitAnswer("select count(*) from drilled", "42", Duration.ofSeconds(20));
  }

  @AfterAll
  static void stopPair() {
    if (pair != null) {
      pair.close();
    }
  }

  @Test
  void drillPromotesAndWritesAnIsolatedCloneAndLeavesProductionRolesAlone() throws Exception {
    PostgresNode east = pair.node("east");
    PostgresNode west = pair.node("west");
    try (Connector connector = cloningConnector("drill-clone")) {
      OperationPlan plan =
          connector.plan(new OperationRequest(OperationType.DRILL, "west", Map.of()));

      Map<String, StepResult> results =
          PlanRunner.run(connector, OperationType.DRILL, "west", Map.of());

      PlanRunner.assertAllSucceeded(results, plan);
      assertThat(plan.step(StepIds.VALIDATE_CLONE)).isPresent();
      int clonePort =
          Integer.parseInt(results.get(StepIds.CREATE_CLONE).facts().get(Facts.CLONE_PORT));
      assertThat(clonePort).isNotIn(east.port(), west.port());
      assertThat(results.get(StepIds.VALIDATE_CLONE).facts())
          .containsEntry("cloneRows", "1")
          .containsKey("cloneWriteLsn");
      assertThat(east.isInRecovery()).as("east is still the primary").isFalse();
      assertThat(west.isInRecovery()).as("west is still a standby").isTrue();
      pair.awaitStreaming(west, Duration.ofSeconds(10));
      assertThat(east.sql("select to_regclass('" + CloneDrillSteps.WRITE_TABLE + "') is null"))
          .as("the clone's write never reached production")
          .isEqualTo("t");
      assertThat(portOpen(clonePort)).as("the clone's port is closed").isFalse();
      assertThat(Files.exists(pair.directory().resolve("clones").resolve("west")))
          .as("the clone's files are gone")
          .isFalse();
    }
  }

  @Test
  void discardingTwiceSucceedsAndACloneReadsWhatTheStandbyHad() throws Exception {
    try (Connector connector = cloningConnector("drill-clone-2")) {
      OperationPlan plan =
          connector.plan(new OperationRequest(OperationType.DRILL, "west", Map.of()));
      Map<String, String> facts = new HashMap<>();
      StepResult created = step(connector, plan, StepIds.CREATE_CLONE, facts);
      assertThat(created.succeeded()).as(created.output()).isTrue();
      int clonePort = Integer.parseInt(facts.get(Facts.CLONE_PORT));
      assertThat(portOpen(clonePort)).isTrue();
      assertThat(countOn(clonePort)).isEqualTo("42");

      StepResult first = step(connector, plan, StepIds.DISCARD_CLONE, facts);
      StepResult second = step(connector, plan, StepIds.DISCARD_CLONE, facts);

      assertThat(first.succeeded()).as(first.output()).isTrue();
      assertThat(second.succeeded()).as("discard is idempotent: %s", second.output()).isTrue();
      assertThat(portOpen(clonePort)).isFalse();
      assertThat(pair.node("west").isInRecovery()).isTrue();
    }
  }

  private static Connector cloningConnector(String id) throws Exception {
    return new PostgresConnectorFactory()
        .create(LabConfigs.withActions(id, pair, Set.of("clone", "discard-clone")));
  }

  private static StepResult step(
      Connector connector, OperationPlan plan, String id, Map<String, String> facts)
      throws Exception {
    StepResult result =
        connector.execute(
            plan.step(id).orElseThrow(),
            new StepContext("it-clone", plan, facts),
            plan.step(id).orElseThrow().timeout());
    facts.putAll(result.facts());
    return result;
  }

  private static String countOn(int port) throws Exception {
    try (var c =
            java.sql.DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
        var s = c.createStatement();
        var rs = s.executeQuery("select count(*) from drilled")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static boolean portOpen(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
