package io.continuity.server.web.api;

import static io.continuity.server.web.api.ApiAssertions.assertProblem;
import static io.continuity.server.web.api.ApiAssertions.assertType;
import static io.continuity.server.web.api.ApiAssertions.lastOfType;
import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.server.inventory.ResourceRoleChanges;
import io.continuity.server.support.HttpTestClient;
import io.continuity.server.support.HttpTestClient.Response;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;

/**
 * The inventory API over real HTTP on a state store chosen by the subclass: the server starts from
 * a temp inventory file, which the tests edit and reload. Each test starts from the base file.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
abstract class InventoryApiContract {

  static final String PASSWORD = "it-inventory-password";

  @LocalServerPort int port;
  @Autowired ResourceRoleChanges roleChanges;
  @Autowired JdbcClient jdbc;

  /** The inventory file this subclass's server reads. */
  abstract Path file();

  static void registerInventory(DynamicPropertyRegistry registry, Path file) {
    registry.add("continuity.inventory", file::toString);
    registry.add("continuity.demo.password", () -> PASSWORD);
  }

  HttpTestClient as(String user) {
    return HttpTestClient.onPort(port).as(user, PASSWORD);
  }

  @BeforeEach
  void startFromTheBaseInventory() {
    InventoryFiles.write(file(), InventoryFiles.BASE);
    assertThat(reload().status()).isEqualTo(HttpStatus.OK);
  }

  Response reload() {
    return as("admin").postJson("/api/v1/inventory/reload", "");
  }

  List<String> ids(Response response) {
    return response.json().valueStream().map(r -> r.path("id").asString()).toList();
  }

  List<JsonNode> audit(String query) {
    return as("dave")
        .get("/api/v1/audit?size=500&" + query)
        .json()
        .path("items")
        .valueStream()
        .toList();
  }

  @Test
  void listsResourcesWithSitesRpoHeartbeatAndGroups() {
    Response response = as("dave").get("/api/v1/resources");

    assertThat(response.status()).isEqualTo(HttpStatus.OK);
    assertThat(ids(response)).containsExactly("orders-db", "reports-db");
    JsonNode orders = response.json().get(0);
    assertThat(orders.path("platform").asString()).isEqualTo("postgresql");
    assertThat(orders.path("tier").asInt()).isEqualTo(1);
    assertThat(orders.path("primarySite").path("name").asString()).isEqualTo("site-a");
    assertThat(orders.path("primarySite").path("metadata").path("region").asString())
        .isEqualTo("eu-west");
    assertThat(orders.path("drSite").path("name").asString()).isEqualTo("site-b");
    assertThat(orders.path("currentPrimarySite").asString()).isEqualTo("site-a");
    assertThat(orders.path("rpo").path("targetSeconds").asLong()).isEqualTo(30);
    assertThat(orders.path("rpo").path("warnSeconds").asLong()).isEqualTo(10);
    assertThat(orders.path("rpo").path("warnBytes").asLong()).isEqualTo(16_000_000);
    assertThat(orders.path("rpo").path("criticalBytes").asLong()).isEqualTo(1_000_000_000);
    assertThat(orders.path("heartbeat").path("intervalSeconds").asLong()).isEqualTo(5);
    assertThat(orders.path("groups").valueStream().map(JsonNode::asString))
        .containsExactly("checkout");
    assertThat(orders.has("connector")).isFalse();
    assertThat(response.json().get(1).path("heartbeat").isNull()).isTrue();
  }

  @Test
  void oneResourceShowsConnectorSettingsWithSecretReferencesOnly() {
    Response response = as("alice").get("/api/v1/resources/orders-db");

    assertThat(response.status()).isEqualTo(HttpStatus.OK);
    JsonNode connector = response.json().path("connector");
    assertThat(connector.path("settings").path("database").asString()).isEqualTo("orders");
    assertThat(connector.path("sites").path("site-a").path("host").asString())
        .isEqualTo("db-a.example.com");
    assertThat(connector.path("credentials").path("password").asString())
        .isEqualTo("env:ORDERS_PW");
  }

  @Test
  void filtersCombineAndBadFilterValuesAre400NamingTheParameter() {
    assertThat(ids(as("dave").get("/api/v1/resources?tier=2"))).containsExactly("reports-db");
    assertThat(ids(as("dave").get("/api/v1/resources?platform=POSTGRESQL")))
        .containsExactly("orders-db");
    assertThat(ids(as("dave").get("/api/v1/resources?environment=staging&tier=1"))).isEmpty();

    for (String[] bad :
        new String[][] {
          {"tier=3", "tier"}, {"tier=one", "tier"}, {"platform=oracle", "platform"}
        }) {
      Response response = as("dave").get("/api/v1/resources?" + bad[0]);
      assertProblem(response, HttpStatus.BAD_REQUEST);
      assertThat(response.json().path("field").asString()).isEqualTo(bad[1]);
      assertThat(response.json().path("detail").asString()).contains(bad[1]);
    }
  }

  @Test
  void groupsShowMembersDependenciesAndWaves() {
    Response list = as("dave").get("/api/v1/groups");
    Response one = as("dave").get("/api/v1/groups/checkout");

    assertThat(ids(list)).containsExactly("checkout");
    JsonNode group = one.json();
    assertThat(group.path("tier").asInt()).isEqualTo(1);
    assertThat(group.path("members").valueStream().map(JsonNode::asString))
        .containsExactly("orders-db", "reports-db");
    assertThat(group.path("dependencies").get(0).path("member").asString()).isEqualTo("orders-db");
    assertThat(group.path("dependencies").get(0).path("dependsOn").asString())
        .isEqualTo("reports-db");
    assertThat(group.path("waves").toString()).isEqualTo("[[\"reports-db\"],[\"orders-db\"]]");
  }

  @Test
  void unknownIdsAre404NamingTheId() {
    for (String path :
        List.of(
            "/api/v1/resources/no-such-db",
            "/api/v1/groups/no-such-group",
            "/api/v1/resources/no-such-db/revisions")) {
      Response response = as("dave").get(path);
      assertProblem(response, HttpStatus.NOT_FOUND);
      assertThat(response.json().path("detail").asString()).contains("no-such-");
    }
  }

  @Test
  void reloadAppliesAddsChangesAndRemovalsWithAuditAndHistory() {
    InventoryFiles.write(file(), InventoryFiles.EDITED);

    Response response = reload();

    assertThat(response.status()).isEqualTo(HttpStatus.OK);
    JsonNode changes = response.json().path("changes");
    assertThat(changes.path("resourcesAdded").toString()).isEqualTo("[\"billing-db\"]");
    assertThat(changes.path("resourcesChanged").toString()).isEqualTo("[\"orders-db\"]");
    assertThat(changes.path("resourcesRemoved").toString()).isEqualTo("[\"reports-db\"]");
    assertThat(changes.path("groupsChanged").toString()).isEqualTo("[\"checkout\"]");
    assertThat(ids(as("dave").get("/api/v1/resources"))).containsExactly("billing-db", "orders-db");
    assertThat(as("dave").get("/api/v1/resources/orders-db").json().path("name").asString())
        .isEqualTo("Orders v2");
    assertProblem(as("dave").get("/api/v1/resources/reports-db"), HttpStatus.NOT_FOUND);

    JsonNode removed =
        as("dave")
            .get("/api/v1/resources?includeRemoved=true")
            .json()
            .valueStream()
            .filter(r -> r.path("id").asString().equals("reports-db"))
            .findFirst()
            .orElseThrow();
    assertThat(removed.path("removedAt").asString()).isNotBlank();
    List<JsonNode> revisions =
        as("dave").get("/api/v1/resources/reports-db/revisions").json().valueStream().toList();
    assertThat(revisions.get(revisions.size() - 1).path("change").asString()).isEqualTo("REMOVED");
    assertThat(revisions.get(revisions.size() - 1).path("definition").path("name").asString())
        .isEqualTo("Reports");
    assertThat(
            jdbc.sql("select count(*) from resource_revision where resource_id = 'reports-db'")
                .query(Integer.class)
                .single())
        .isEqualTo(revisions.size());

    assertThat(audit("resourceId=billing-db"))
        .anySatisfy(e -> assertType(e, "RESOURCE_ADDED", "admin"));
    assertThat(audit("resourceId=orders-db"))
        .anySatisfy(e -> assertType(e, "RESOURCE_CHANGED", "admin"));
    assertThat(audit("resourceId=reports-db"))
        .anySatisfy(e -> assertType(e, "RESOURCE_REMOVED", "admin"));
    JsonNode reloaded = lastOfType(audit("actor=admin"), "INVENTORY_RELOADED");
    assertThat(reloaded.path("details").path("resourcesAdded").asString()).isEqualTo("billing-db");
    assertThat(reloaded.path("details").path("resourcesRemoved").asString())
        .isEqualTo("reports-db");
  }

  @Test
  void aResourceThatComesBackIsRestoredWithItsHistory() {
    InventoryFiles.write(file(), InventoryFiles.EDITED);
    reload();
    InventoryFiles.write(file(), InventoryFiles.BASE);

    Response response = reload();

    assertThat(response.json().path("changes").path("resourcesRestored").toString())
        .contains("reports-db");
    List<String> changes =
        as("dave")
            .get("/api/v1/resources/reports-db/revisions")
            .json()
            .valueStream()
            .map(r -> r.path("change").asString())
            .toList();
    assertThat(changes).endsWith("REMOVED", "RESTORED");
    assertThat(ids(as("dave").get("/api/v1/resources"))).contains("reports-db");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.continuity.server.web.api.InventoryFiles#badFiles")
  void badFileIsRefusedWith422AndChangesNothing(
      String what, String content, String lineMarker, String field) {
    String before = as("dave").get("/api/v1/resources?includeRemoved=true").body();
    InventoryFiles.write(file(), content);

    Response response = reload();

    assertProblem(response, HttpStatus.UNPROCESSABLE_CONTENT);
    assertThat(response.body()).doesNotContain("hunter2");
    assertThat(response.json().path("errors").valueStream())
        .anySatisfy(
            e -> {
              assertThat(e.path("file").asString()).isEqualTo(file().toString());
              assertThat(e.path("field").asString()).startsWith(field);
              assertThat(e.path("message").asString()).isNotBlank();
              if (lineMarker != null) {
                assertThat(e.path("line").asInt())
                    .isEqualTo(InventoryFiles.lineOf(content, lineMarker));
              } else {
                assertThat(e.path("line").asInt()).isPositive();
              }
            });
    assertThat(as("dave").get("/api/v1/resources?includeRemoved=true").body()).isEqualTo(before);
    JsonNode status = as("dave").get("/api/v1/inventory").json();
    assertThat(status.path("lastReload").path("ok").asBoolean()).isFalse();
    assertThat(status.path("lastReload").path("errors").size()).isPositive();
    JsonNode refused = lastOfType(audit("actor=admin"), "INVENTORY_RELOAD_REFUSED");
    assertThat(refused.path("details").path("errors").asString()).doesNotContain("hunter2");
  }

  @Test
  void missingFileIsAnErrorNamingTheFile() throws Exception {
    java.nio.file.Files.delete(file());

    Response response = reload();

    assertProblem(response, HttpStatus.UNPROCESSABLE_CONTENT);
    JsonNode error = response.json().path("errors").get(0);
    assertThat(error.path("file").asString()).isEqualTo(file().toString());
    assertThat(error.path("message").asString()).contains("does not exist");
    assertThat(ids(as("dave").get("/api/v1/resources"))).containsExactly("orders-db", "reports-db");
  }

  @Test
  void onlyAnAdminMayReloadAndARefusalIsAudited() {
    Response response = as("alice").postJson("/api/v1/inventory/reload", "");

    assertProblem(response, HttpStatus.FORBIDDEN);
    assertThat(audit("actor=alice"))
        .anySatisfy(
            e -> {
              assertType(e, "ACCESS_DENIED", "alice");
              assertThat(e.path("details").path("path").asString())
                  .isEqualTo("/api/v1/inventory/reload");
            });
  }

  @Test
  void inventoryStatusNamesTheFilesAndTheLastReload() {
    JsonNode status = as("dave").get("/api/v1/inventory").json();

    assertThat(status.path("files").get(0).asString()).isEqualTo(file().toString());
    assertThat(status.path("resources").asInt()).isEqualTo(2);
    assertThat(status.path("groups").asInt()).isEqualTo(1);
    assertThat(status.path("lastReload").path("ok").asBoolean()).isTrue();
    assertThat(status.path("lastReload").path("actor").asString()).isEqualTo("admin");
  }

  @Test
  void currentPrimarySiteSurvivesAReload() {
    roleChanges.recordRoleChange("orders-db", "site-b", "exec-42");
    InventoryFiles.write(file(), InventoryFiles.EDITED);

    reload();

    JsonNode orders = as("dave").get("/api/v1/resources/orders-db").json();
    assertThat(orders.path("name").asString()).isEqualTo("Orders v2");
    assertThat(orders.path("primarySite").path("name").asString()).isEqualTo("site-a");
    assertThat(orders.path("currentPrimarySite").asString()).isEqualTo("site-b");
    assertThat(audit("executionId=exec-42"))
        .anySatisfy(
            e -> {
              assertThat(e.path("type").asString()).isEqualTo("RESOURCE_ROLE_CHANGED");
              assertThat(e.path("details").path("to").asString()).isEqualTo("site-b");
            });
    roleChanges.recordRoleChange("orders-db", "site-a", "exec-43");
  }
}
