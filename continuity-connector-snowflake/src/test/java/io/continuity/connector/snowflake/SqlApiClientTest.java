package io.continuity.connector.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.connector.support.Deadline;
import io.continuity.lab.snowflake.FakeAccount;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SQL API client against one fake account: 200, 202 + polling, partitions, 422, 401, replay.
 */
class SqlApiClientTest {

  private final SnowflakeLab lab = new SnowflakeLab(null);

  SqlApiClientTest() throws Exception {}

  @AfterEach
  void close() {
    lab.close();
  }

  private SqlApiClient client(FakeAccount account, String pem) {
    KeyPairJwt jwt =
        KeyPairJwt.of(
            account.identifier(),
            SnowflakeLab.USER,
            pem,
            Duration.ofMinutes(59),
            Clock.systemUTC());
    return new SqlApiClient(
        URI.create("http://127.0.0.1:" + account.port()),
        jwt,
        HttpClient.newHttpClient(),
        Map.of("warehouse", "DR_MONITOR_WH"),
        Duration.ofMillis(10));
  }

  @Test
  void a202AnswerIsPolledByItsHandleUntilTheStatementFinishes() throws Exception {
    lab.fake.syncWindow = Duration.ZERO;
    lab.fake.phaseDuration = Duration.ofMillis(20);
    SqlApiClient client = client(lab.west(), SnowflakeLab.PRIVATE_KEY_PEM);

    SqlApiClient.Submitted submitted =
        client.submit(
            "ALTER FAILOVER GROUP FG1 REFRESH",
            UUID.randomUUID(),
            Map.of(),
            false,
            Deadline.in(Duration.ofSeconds(5)));
    assertThat(submitted.result())
        .as("the refresh takes longer than the sync window: 202")
        .isEmpty();

    StatementResult done =
        client.await(submitted.handle(), Deadline.in(Duration.ofSeconds(5))).orElseThrow();
    assertThat(done.rows().get(0).get(0)).contains("completed");
    assertThat(lab.west().history.get(0).phaseName()).isEqualTo("COMPLETED");
  }

  @Test
  void everyPartitionOfAResultIsFetched() throws Exception {
    lab.east().partitionSize = 1;
    StatementResult result =
        client(lab.east(), SnowflakeLab.PRIVATE_KEY_PEM)
            .query("SHOW FAILOVER GROUPS", Deadline.in(Duration.ofSeconds(5)));
    assertThat(result.rows()).hasSize(2);
    assertThat(result.rowList())
        .extracting(r -> r.text("account_name"))
        .containsExactly("EAST", "WEST");
  }

  @Test
  void aRequestIdSentAgainIsAnsweredWithTheFirstExecutionAndNeverRunsTwice() throws Exception {
    SqlApiClient client = client(lab.east(), SnowflakeLab.PRIVATE_KEY_PEM);
    UUID id = UUID.randomUUID();
    client.run(
        "ALTER USER APP SET DISABLED = TRUE", id, Map.of(), Deadline.in(Duration.ofSeconds(5)));
    client.query("ALTER USER APP SET DISABLED = FALSE", Deadline.in(Duration.ofSeconds(5)));

    client.run(
        "ALTER USER APP SET DISABLED = TRUE", id, Map.of(), Deadline.in(Duration.ofSeconds(5)));

    assertThat(lab.east().executed).filteredOn(s -> s.contains("DISABLED = TRUE")).hasSize(1);
    assertThat(lab.east().replayed).hasSize(1);
    assertThat(lab.takesWrites("east")).as("the replay did not disable the writer again").isTrue();
  }

  @Test
  void aFailedStatementCarriesSnowflakesCodeAndSqlState() throws Exception {
    SqlApiClient client = client(lab.east(), SnowflakeLab.PRIVATE_KEY_PEM);
    assertThatThrownBy(
            () ->
                client.query(
                    "ALTER FAILOVER GROUP NOPE REFRESH", Deadline.in(Duration.ofSeconds(5))))
        .isInstanceOfSatisfying(
            SqlApiException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(SqlApiException.Kind.FAILED);
              assertThat(e.httpStatus()).isEqualTo(422);
              assertThat(e.code()).isEqualTo("002003");
              assertThat(e.sqlState()).isEqualTo("02000");
              assertThat(e.nothingRan()).isTrue();
            });
  }

  @Test
  void aKeyTheAccountDoesNotKnowIsAnAuthFailureWith390144() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    String other = SnowflakeLab.pem(generator.generateKeyPair());
    SqlApiClient client = client(lab.east(), other);
    assertThatThrownBy(
            () -> client.query("SHOW FAILOVER GROUPS", Deadline.in(Duration.ofSeconds(5))))
        .isInstanceOfSatisfying(
            SqlApiException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(SqlApiException.Kind.AUTH);
              assertThat(e.code()).isEqualTo("390144");
              assertThat(e.getMessage()).doesNotContain("PRIVATE KEY").doesNotContain("Bearer");
            });
  }

  @Test
  void aRefusedConnectionIsNotSentSoNothingRan() throws Exception {
    SqlApiClient client = client(lab.east(), SnowflakeLab.PRIVATE_KEY_PEM);
    lab.loseSite("east");
    assertThatThrownBy(
            () ->
                client.run(
                    "ALTER USER APP SET DISABLED = TRUE",
                    UUID.randomUUID(),
                    Map.of(),
                    Deadline.in(Duration.ofSeconds(2))))
        .isInstanceOfSatisfying(
            SqlApiException.class,
            e -> assertThat(e.kind()).isEqualTo(SqlApiException.Kind.NOT_SENT));
  }

  @Test
  void useStatementsAreRefusedByTheApiAsDocumented() throws Exception {
    SqlApiClient client = client(lab.east(), SnowflakeLab.PRIVATE_KEY_PEM);
    assertThatThrownBy(() -> client.query("USE DATABASE SALES", Deadline.in(Duration.ofSeconds(5))))
        .isInstanceOfSatisfying(
            SqlApiException.class, e -> assertThat(e.code()).isEqualTo("391911"));
  }

  @Test
  void aLostAnswerIsResentWithTheSameRequestIdAndRetryTrueAndTheStatementRunsOnce()
      throws Exception {
    SqlApiClient client = client(lab.east(), SnowflakeLab.PRIVATE_KEY_PEM);
    lab.east().dropAnswers.set(1);
    UUID id = UUID.randomUUID();

    client.run(
        "ALTER USER APP SET DISABLED = TRUE", id, Map.of(), Deadline.in(Duration.ofSeconds(5)));

    assertThat(lab.east().executed).filteredOn(s -> s.startsWith("ALTER USER")).hasSize(1);
    assertThat(lab.east().replayed).hasSize(1);
    assertThat(lab.east().requestQueries)
        .containsExactly("requestId=" + id, "requestId=" + id + "&retry=true");
  }

  @Test
  void busyAnswersAreRetriedWithBackoffAndTheSameRequestId() throws Exception {
    SqlApiClient client = client(lab.east(), SnowflakeLab.PRIVATE_KEY_PEM);
    lab.east().busyStatus = 429;
    lab.east().busyAnswers.set(2);

    StatementResult result =
        client.query("SHOW FAILOVER GROUPS", Deadline.in(Duration.ofSeconds(5)));

    assertThat(result.rows()).hasSize(2);
    assertThat(lab.east().executed).containsExactly("SHOW FAILOVER GROUPS");
  }

  @Test
  void anAnswerLostOnEveryAttemptIsAnUnknownOutcome() throws Exception {
    SqlApiClient client = client(lab.east(), SnowflakeLab.PRIVATE_KEY_PEM);
    lab.east().dropAnswers.set(10);
    assertThatThrownBy(
            () ->
                client.run(
                    "ALTER USER APP SET DISABLED = TRUE",
                    UUID.randomUUID(),
                    Map.of(),
                    Deadline.in(Duration.ofSeconds(3))))
        .isInstanceOfSatisfying(
            SqlApiException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(SqlApiException.Kind.NO_ANSWER);
              assertThat(e.nothingRan()).isFalse();
            });
  }
}
