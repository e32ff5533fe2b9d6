package io.continuity.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.server.support.HttpTestClient;
import io.continuity.server.support.HttpTestClient.Response;
import io.continuity.server.support.TestStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Personal API tokens over real HTTP on H2 with the demo users: issued with a password, used as a
 * bearer with the owner's roles, listed without secrets, revoked, expired, and refused for minting
 * more tokens; every refusal a 401 or 403 problem, never an anonymous pass.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class ApiTokensIT {

  static final String PASSWORD = "it-tokens-password";
  static final String INVENTORY =
      """
      resources:
        - id: tokens-db
          name: tokens-db
          platform: simulated
          tier: 2
          environment: test
          owner: dba@example.com
          sites: { primary: east, dr: west }
          rpo: { target: 2m, warn: 30s }
          connector:
            settings: { scenario: steady }
      """;

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    Path dir = Files.createTempDirectory("continuity-tokens-it");
    TestStateStore.registerH2(registry, dir);
    registry.add("continuity.demo.password", () -> PASSWORD);
    registry.add("continuity.security.api-token-cache", () -> "400ms");
    Path inventory = Files.writeString(dir.resolve("inventory.yaml"), INVENTORY);
    registry.add("continuity.inventory", inventory::toString);
  }

  HttpTestClient as(String user) {
    return HttpTestClient.onPort(port).as(user, PASSWORD);
  }

  HttpTestClient bearer(String token) {
    return HttpTestClient.onPort(port).withToken(token);
  }

  String issue(String user, String name) {
    Response issued =
        as(user).postJson("/api/v1/tokens", "{\"name\":\"" + name + "\",\"expiresInDays\":30}");
    assertThat(issued.status()).as(issued.body()).isEqualTo(HttpStatus.CREATED);
    return issued.json().path("token").asString();
  }

  @Test
  void aTokenActsAsItsOwnerWithTheOwnersRolesAndIsListedWithoutItsSecret() {
    String token = issue("alice", "nightly drill job");
    assertThat(token).startsWith("ct_");

    Response created =
        bearer(token)
            .postJson(
                "/api/v1/executions",
                "{\"type\":\"DRILL\",\"resourceId\":\"tokens-db\",\"reason\":\"nightly drill\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(HttpStatus.CREATED);
    assertThat(created.json().path("createdBy").asString()).isEqualTo("alice");

    JsonNode listed = as("alice").get("/api/v1/tokens").json();
    assertThat(listed.size()).isEqualTo(1);
    assertThat(listed.get(0).path("name").asString()).isEqualTo("nightly drill job");
    assertThat(listed.get(0).path("lastUsedAt").isNull()).isFalse();
    assertThat(listed.toString()).doesNotContain(token.substring(16));
    assertThat(
            jdbc.sql("select count(*) from api_token where secret_hash like :part")
                .param("part", "%" + token.substring(16, 30) + "%")
                .query(Long.class)
                .single())
        .as("the secret is stored only as a hash")
        .isZero();
    assertThat(auditTypes("alice")).contains("API_TOKEN_ISSUED");
  }

  @Test
  void aViewersTokenCannotDoWhatTheViewerCannotAndATokenCannotMintTokens() {
    String token = issue("dave", "dashboard export");

    assertThat(bearer(token).get("/api/v1/resources").status()).isEqualTo(HttpStatus.OK);
    Response refused =
        bearer(token)
            .postJson(
                "/api/v1/executions",
                "{\"type\":\"DRILL\",\"resourceId\":\"tokens-db\",\"reason\":\"x\"}");
    assertThat(refused.status()).isIn(HttpStatus.FORBIDDEN);
    Response minted = bearer(token).postJson("/api/v1/tokens", "{\"name\":\"more\"}");
    assertThat(minted.status()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(minted.json().path("detail").asString()).contains("cannot issue API tokens");
  }

  @Test
  void aRevokedExpiredOrUnknownTokenIsRefusedWith401AndOthersCannotRevokeYours() {
    String token = issue("carol", "approvals report");
    String id = as("carol").get("/api/v1/tokens").json().get(0).path("id").asString();

    assertThat(as("bob").delete("/api/v1/tokens/" + id).status()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(bearer(token).get("/api/v1/executions").status()).isEqualTo(HttpStatus.OK);
    Response revoked = as("carol").delete("/api/v1/tokens/" + id);
    assertThat(revoked.status()).isEqualTo(HttpStatus.OK);
    assertThat(revoked.json().path("revokedAt").isNull()).isFalse();

    Response refused = bearer(token).get("/api/v1/executions");
    assertThat(refused.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(refused.headers().getFirst("WWW-Authenticate")).startsWith("Bearer");
    assertThat(refused.json().path("detail").asString()).contains("unknown, expired or revoked");
    assertThat(auditTypes("carol")).contains("API_TOKEN_REVOKED");

    String other = issue("carol", "short-lived");
    jdbc.sql("update api_token set expires_at = :past where owner = 'carol' and revoked_at is null")
        .param("past", OffsetDateTime.parse("2000-01-01T00:00:00Z"))
        .update();
    assertThat(bearer(other).get("/api/v1/executions").status()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(bearer("ct_notatoken").get("/api/v1/executions").status())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void aTokenRevokedByAnotherInstanceIsRefusedHereOnceTheLookupCacheLapses() throws Exception {
    String token = issue("bob", "status poller");
    assertThat(bearer(token).get("/api/v1/status/summary").status()).isEqualTo(HttpStatus.OK);
    String id =
        jdbc.sql("select id from api_token where owner = 'bob' and name = 'status poller'")
            .query(String.class)
            .single();
    assertThat(
            jdbc.sql("select last_used_at from api_token where id = :id")
                .param("id", id)
                .query(OffsetDateTime.class)
                .single())
        .as("the first use is written to the store")
        .isNotNull();

    // another instance revokes it: the store changes, this instance's cache is not told
    jdbc.sql("update api_token set revoked_at = :now where id = :id")
        .param("now", OffsetDateTime.now())
        .param("id", id)
        .update();
    Thread.sleep(600);

    assertThat(bearer(token).get("/api/v1/status/summary").status())
        .as("refused once the 400 ms lookup cache has lapsed")
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void badIssueRequestsNameTheField() {
    Response noName = as("alice").postJson("/api/v1/tokens", "{\"expiresInDays\":10}");
    assertThat(noName.status()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noName.body()).contains("name");
    Response tooLong =
        as("alice").postJson("/api/v1/tokens", "{\"name\":\"x\",\"expiresInDays\":400}");
    assertThat(tooLong.status()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(tooLong.body()).contains("expiresInDays");
  }

  java.util.List<String> auditTypes(String actor) {
    java.util.List<String> types = new java.util.ArrayList<>();
    as("admin")
        .get("/api/v1/audit?size=500&actor=" + actor)
        .json()
        .path("items")
        .forEach(e -> types.add(e.path("type").asString()));
    return types;
  }
}
