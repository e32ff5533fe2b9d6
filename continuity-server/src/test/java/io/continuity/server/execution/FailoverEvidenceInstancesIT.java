package io.continuity.server.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.continuity.lab.LabInventory;
import io.continuity.lab.PostgresNode;
import io.continuity.lab.PostgresPair;
import io.continuity.lab.StopMode;
import io.continuity.lab.junit.LabAssumptions;
import io.continuity.server.support.InstanceProperties;
import io.continuity.server.support.PostgresTestServer;
import io.continuity.server.support.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

/**
 * A failover's evidence does not depend on which instance runs it (issue 11): two server processes
 * on one PostgreSQL store, a real pair whose stream is cut while the primary keeps writing, then
 * the primary is lost. The failover is confirmed through the instance that does NOT probe, so it
 * runs there; its evidence names the last primary marker the prober stored, exactly as the prober
 * would have, and states the loss the old primary's WAL shows.
 */
class FailoverEvidenceInstancesIT {

  static final String PASSWORD = "failover-evidence-it-password";
  static final String RESOURCE = "fo-pg";
  static final Duration PATIENCE = Duration.ofSeconds(90);

  @Test
  void theInstanceThatDoesNotProbeStatesTheSameFailoverEvidenceAsTheProber() throws Exception {
    PostgresTestServer.assumeReachable();
    String schema = PostgresTestServer.createFreshSchema();
    Path work = Files.createTempDirectory("continuity-failover-evidence-it");
    JdbcClient store =
        JdbcClient.create(
            new DriverManagerDataSource(
                PostgresTestServer.urlFor(schema),
                PostgresTestServer.USER,
                PostgresTestServer.PASSWORD));
    ServerProcess a = null;
    ServerProcess b = null;
    try (PostgresPair pair = PostgresPair.start(LabAssumptions.postgresBinaries())) {
      PostgresNode east = pair.node("east");
      east.sql("create table events(id bigserial primary key)");
      Path inventory = new LabInventory(RESOURCE, 2, null).write(pair, work.resolve("inv.yaml"));
      CompletableFuture<ServerProcess> first =
          CompletableFuture.supplyAsync(
              () -> ServerProcess.start("fo-a", work, properties(schema, inventory, "fo-a")));
      CompletableFuture<ServerProcess> second =
          CompletableFuture.supplyAsync(
              () -> ServerProcess.start("fo-b", work, properties(schema, inventory, "fo-b")));
      a = first.join();
      b = second.join();
      String prober =
          await().atMost(PATIENCE).until(() -> proberOf(store), Optional::isPresent).orElseThrow();
      ServerProcess runner = prober.equals("fo-a") ? b : a;
      String runnerId = prober.equals("fo-a") ? "fo-b" : "fo-a";

      pair.breakReplication();
      long written = 0;
      try (Connection c = DriverManager.getConnection(east.jdbcUrl(), "postgres", "");
          Statement s = c.createStatement()) {
        s.execute("set synchronous_commit = on");
        for (int i = 0; i < 30; i++) {
          s.execute("insert into events default values");
          written++;
        }
        String after = east.sql("select pg_current_wal_lsn()::text");
        await()
            .atMost(PATIENCE)
            .until(
                () -> lastStoredPrimaryMarker(store).filter(m -> seenPast(m, after)).isPresent());
      }
      pair.stop(east, StopMode.IMMEDIATE);
      String lastStored = lastStoredPrimaryMarker(store).orElseThrow();

      ExecutionDriver api = new ExecutionDriver(runner.port(), PASSWORD, PATIENCE);
      String id = api.request("FAILOVER", RESOURCE, "west", null);
      api.approve(id, "bob");
      api.confirmWhenReady(id);
      api.awaitState(id, "SUCCEEDED");

      assertThat(new StoredSteps(store).lease(id).owner())
          .as("the run was made by the instance that does not probe")
          .isEqualTo(runnerId)
          .isNotEqualTo(prober);
      JsonNode member = api.evidence(id).path("members").get(0);
      JsonNode loss = member.path("lossWindow");
      System.out.println("failover evidence on the non-prober: " + member);
      assertThat(loss.path("lastPrimary").asString())
          .as("the last primary marker the prober stored, read from the store by the runner")
          .isEqualTo(lastStored);
      assertThat(loss.path("source").asString()).isEqualTo("connector");
      assertThat(loss.path("conclusion").asString()).isEqualTo("POTENTIAL_LOSS");
      assertThat(loss.path("exact").asBoolean())
          .as("the lab configures final-position: the old primary's WAL gives the exact loss")
          .isTrue();
      assertThat(loss.path("bytesAtLeast").asLong()).isPositive();
      assertThat(loss.path("from").isNull()).as("the time window is stated").isFalse();
      assertThat(member.path("statement").asString()).startsWith("Lost ");
      assertThat(member.path("primaryNow").asString()).isEqualTo("west");
      assertThat(written).isEqualTo(30);
    } finally {
      for (ServerProcess server : new ServerProcess[] {a, b}) {
        if (server != null) {
          server.close();
        }
      }
      PostgresTestServer.dropSchema(schema);
    }
  }

  private static Map<String, String> properties(String schema, Path inventory, String name) {
    Map<String, String> properties =
        InstanceProperties.demoOnPostgres(schema, PASSWORD, inventory, name);
    properties.put("continuity.execution.max-evidence-age", "10s");
    properties.put("continuity.execution.token-secret", "failover-evidence-it-secret");
    return properties;
  }

  private static Optional<String> proberOf(JdbcClient store) {
    return store
        .sql("select owner from monitoring_lease where expires_at > current_timestamp")
        .query(String.class)
        .optional();
  }

  private static Optional<String> lastStoredPrimaryMarker(JdbcClient store) {
    return store
        .sql(
            "select primary_marker from observation where resource_id = :id and primary_marker is"
                + " not null and primary_site is not null order by id desc limit 1")
        .param("id", RESOURCE)
        .query(String.class)
        .optional();
  }

  /** True when a stored marker ("WAL_LSN 0/3000148") is at or past {@code lsn}. */
  private static boolean seenPast(String marker, String lsn) {
    return position(marker.substring(marker.indexOf(' ') + 1)) >= position(lsn);
  }

  private static long position(String lsn) {
    String[] parts = lsn.split("/");
    return (Long.parseLong(parts[0], 16) << 32) | Long.parseLong(parts[1], 16);
  }
}
