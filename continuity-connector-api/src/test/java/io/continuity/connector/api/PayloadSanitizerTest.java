package io.continuity.connector.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadSanitizerTest {

  private static final String PASSWORD = "s3cr3t-Pa55word!";

  private final ConnectorConfig config =
      new ConnectorConfig(
          "orders-db",
          Platform.POSTGRESQL,
          List.of(new SiteEndpoint("a", SiteRole.PRIMARY, Map.of("host", "10.0.0.1"))),
          Map.of("database", "orders"),
          Map.of("password", SecretRef.parse("env:ORDERS_PW")),
          new EnvironmentSecretResolver(Map.of("ORDERS_PW", PASSWORD)));

  @Test
  void passwordFromConnectorConfigNeverSurvivesSanitizing() {
    Map<String, Object> raw =
        Map.of(
            "error",
            "FATAL: password authentication failed, tried " + PASSWORD,
            "conninfo",
            "host=10.0.0.1 user=rep password=" + PASSWORD + " dbname=orders",
            "nested",
            Map.of("list", List.of("x", PASSWORD + "-suffix"), "count", 3),
            "password",
            PASSWORD);

    SanitizedPayload clean = config.sanitizer().sanitize(raw);

    assertThat(clean.toString()).doesNotContain(PASSWORD);
    assertThat(clean.asMap()).containsEntry("password", PayloadSanitizer.REDACTED);
    assertThat(clean.asMap().get("conninfo").toString())
        .contains("host=10.0.0.1")
        .contains("password=***");
    assertThat(((Map<?, ?>) clean.asMap().get("nested")).get("count")).isEqualTo(3);
  }

  @Test
  void secretLookingKeysAreRedactedEvenWithUnknownValues() {
    SanitizedPayload clean =
        PayloadSanitizer.standard()
            .sanitize(
                Map.of(
                    "apiKey", "abc",
                    "Authorization", "Bearer xyz",
                    "primary_conninfo", "user=rep passwd=hunter2",
                    "state", "streaming"));

    assertThat(clean.asMap())
        .containsEntry("apiKey", "***")
        .containsEntry("Authorization", "***")
        .containsEntry("state", "streaming");
    assertThat(clean.asMap().get("primary_conninfo").toString()).doesNotContain("hunter2");
  }

  @Test
  void credentialsInsideUrlsAreRedacted() {
    String text =
        PayloadSanitizer.standard()
            .sanitizeText("connect to mongodb://admin:topsecret@db1:27017/?replicaSet=rs0 failed");

    assertThat(text).doesNotContain("topsecret").contains("mongodb://admin:***@db1:27017");
  }

  @Test
  void aLongRunOfLettersIsSanitizedWithoutCatastrophicBacktracking() {
    // 64 KiB of one token, as a host action's output can be: this took 35 s when the URL pattern
    // backtracked from every position; the bound is a guard against that, not a speed target
    String output = "x".repeat(64 * 1024) + " postgres://u:p4ss@db";

    String clean =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
            java.time.Duration.ofSeconds(5),
            () -> PayloadSanitizer.standard().sanitizeText(output));

    assertThat(clean).endsWith("postgres://u:***@db").doesNotContain("p4ss");
  }

  @Test
  void nonSecretValuesAndTypesAreKept() {
    SanitizedPayload clean =
        PayloadSanitizer.standard()
            .sanitize(Map.of("replay_lsn", "0/3000148", "lag_bytes", 1024L, "in_recovery", true));

    assertThat(clean.asMap())
        .containsEntry("replay_lsn", "0/3000148")
        .containsEntry("lag_bytes", 1024L)
        .containsEntry("in_recovery", true);
  }
}
