package io.continuity.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per kind of inventory error: the valid inventory of {@link InventoryTestFiles} with one
 * line broken, and the file, line, field path and wording the DBA must see.
 */
class InventoryErrorsTest {

  @TempDir Path dir;

  private final InventoryParser parser = new InventoryParser();

  static Stream<Arguments> brokenLines() {
    return Stream.of(
        broken(
            "yaml syntax",
            3,
            "    name: Orders: main",
            3,
            "",
            "invalid YAML: mapping values are not allowed here"),
        broken(
            "unknown key lists the allowed keys",
            6,
            "    environment: production\n    region: eu",
            7,
            "resources[0].region",
            "unknown key 'region'; allowed keys: id, name, platform, tier, environment, owner,"
                + " sites, rpo, heartbeat, connector"),
        broken("missing id", 2, "  -", 3, "resources[0].id", "required field is missing"),
        broken("missing name", 3, "    # no name", 2, "resources[0].name", "required field"),
        broken("missing platform", 4, "    #", 2, "resources[0].platform", "required field"),
        broken("missing tier", 5, "    #", 2, "resources[0].tier", "required field"),
        broken("missing environment", 6, "    #", 2, "resources[0].environment", "required"),
        broken("missing owner", 7, "    #", 2, "resources[0].owner", "required field"),
        broken("missing primary site", 9, "      #", 10, "resources[0].sites.primary", "required"),
        broken("missing dr site", 10, "      #", 9, "resources[0].sites.dr", "required field"),
        broken(
            "missing rpo target",
            11,
            "    rpo: { warn: 10s }",
            11,
            "resources[0].rpo.target",
            "required field is missing"),
        broken(
            "wrong type",
            3,
            "    name: [Orders, Payments]",
            3,
            "resources[0].name",
            "expected a single value, found a list"),
        broken(
            "wrong type for a mapping",
            11,
            "    rpo: 30s",
            11,
            "resources[0].rpo",
            "expected a mapping (key: value lines), found a single value"),
        broken(
            "unknown platform lists the known ones",
            4,
            "    platform: oracle",
            4,
            "resources[0].platform",
            "unknown platform 'oracle'; known platforms: postgresql, mongodb, sqlserver,"
                + " snowflake, simulated (connectors installed: "),
        broken("invalid tier", 5, "    tier: 3", 5, "resources[0].tier", "tier must be 1 or 2"),
        broken("tier not a number", 19, "    tier: gold", 19, "groups[0].tier", "must be 1 or 2"),
        broken(
            "bad duration says the format",
            11,
            "    rpo: { target: 30 seconds }",
            11,
            "resources[0].rpo.target",
            "'30 seconds' is not a duration: write a whole number followed by ms, s, m, h or d"),
        broken(
            "bad size says the format",
            11,
            "    rpo: { target: 30s, warnBytes: 16 megs }",
            11,
            "resources[0].rpo.warnBytes",
            "'16 megs' is not a size: write a whole number of bytes, optionally followed by KB"),
        broken(
            "duplicate resource id names both places",
            16,
            "  - id: orders-db\n    name: Again\ngroups:",
            16,
            "resources[1].id",
            "duplicate resource id 'orders-db': also defined at "),
        broken(
            "duplicate group id",
            20,
            "    members: [orders-db]\n  - id: checkout\n    name: Again\n    tier: 2\n"
                + "    members: [orders-db]",
            21,
            "groups[1].id",
            "duplicate group id 'checkout': also defined at "),
        broken(
            "member that is not a resource",
            20,
            "    members: [orders-db, nope-db]",
            20,
            "groups[0].members[1]",
            "member 'nope-db' is not a resource"),
        broken(
            "dependsOn key not a member",
            20,
            "    members: [orders-db]\n    dependsOn:\n      other-db: [orders-db]",
            22,
            "groups[0].dependsOn.other-db",
            "'other-db' is not a member of this group; dependsOn may only name members"),
        broken(
            "dependsOn target not a member",
            20,
            "    members: [orders-db]\n    dependsOn:\n      orders-db: [other-db]",
            22,
            "groups[0].dependsOn.orders-db[0]",
            "'other-db' is not a member of this group"),
        broken(
            "literal credential",
            15,
            "        password: hunter2",
            15,
            "resources[0].connector.credentials.password",
            "literal secrets are not allowed; use env:NAME or file:/path"),
        broken(
            "secret-looking setting key",
            13,
            "      settings: { database: orders, apiToken: hunter2 }",
            13,
            "resources[0].connector.settings.apiToken",
            "literal secrets are not allowed; use env:NAME or file:/path"),
        broken(
            "password inside a connection string",
            13,
            "      settings: { url: 'postgresql://app:hunter2@db/orders' }",
            13,
            "resources[0].connector.settings.url",
            "literal secrets are not allowed"),
        broken(
            "core record refuses warn above target",
            11,
            "    rpo: { target: 30s, warn: 1m }",
            11,
            "resources[0].rpo",
            "RPO warn threshold (PT1M) must be between zero and the target (PT30S)"),
        broken(
            "core record refuses the same site twice",
            10,
            "      dr: { name: site-a }",
            2,
            "resources[0]",
            "primary and DR site need different names"),
        broken(
            "core record refuses a heartbeat staler than its interval",
            11,
            "    rpo: { target: 30s }\n    heartbeat: { interval: 1m, staleAfter: 30s }",
            12,
            "resources[0].heartbeat",
            "heartbeat staleAfter must be at least the interval"),
        broken(
            "id format",
            2,
            "  - id: Orders_DB",
            2,
            "resources[0].id",
            "id 'Orders_DB' must be lower-case letters, digits and '-'"),
        broken(
            "key written twice",
            7,
            "    owner: dba@example.com\n    owner: other@example.com",
            8,
            "resources[0].owner",
            "key 'owner' is written twice; keep one"),
        broken(
            "site settings for a site the resource does not have",
            13,
            "      sites: { site-c: { host: db } }",
            13,
            "resources[0].connector.sites.site-c",
            "'site-c' is not a site of this resource; per-site settings are keyed by site name:"
                + " site-a, site-b"),
        broken(
            "a member without a port",
            13,
            "      sites: { site-a: { members: [ { name: a-1, host: db1 } ] } }",
            13,
            "resources[0].connector.sites.site-a.members[0].port",
            "a member needs a port"),
        broken(
            "a member port that is not a number",
            13,
            "      sites: { site-a: { members: [ { host: db1, port: many } ] } }",
            13,
            "resources[0].connector.sites.site-a.members[0].port",
            "port 'many' is not a number"),
        broken(
            "the same member twice",
            13,
            "      sites: { site-a: { members: [ { name: m, host: a, port: 1 },"
                + " { name: m, host: b, port: 2 } ] } }",
            13,
            "resources[0].connector.sites.site-a.members[1].name",
            "member 'm' is listed twice in site-a"),
        broken(
            "members and a host for one site",
            13,
            "      sites: { site-a: { host: db, members: [ { host: a, port: 1 } ] } }",
            13,
            "resources[0].connector.sites.site-a",
            "either as host/port or as members, not both"),
        broken(
            "heartbeat table that is not a table name",
            11,
            "    rpo: { target: 30s }\n    heartbeat: { table: 'hb; drop table x' }",
            12,
            "resources[0].heartbeat.table",
            "must be a table name"));
  }

  private static Arguments broken(
      String kind, int line, String replacement, int errorLine, String path, String message) {
    return Arguments.of(kind, line, replacement, errorLine, path, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenLines")
  void eachErrorNamesFileLineFieldAndFix(
      String kind, int line, String replacement, int errorLine, String path, String message) {
    Path file =
        InventoryTestFiles.write(
            dir, "inventory.yaml", InventoryTestFiles.withLine(line, replacement));

    InventoryParseResult result = parser.parse(List.of(file));

    assertThat(result.isValid()).as(kind).isFalse();
    assertThat(result.errors())
        .as(kind + ": " + result.errors())
        .anySatisfy(
            error -> {
              assertThat(error.file()).isEqualTo(file.toString());
              assertThat(error.line()).isEqualTo(errorLine);
              assertThat(error.fieldPath()).isEqualTo(path);
              assertThat(error.message()).contains(message);
            });
  }

  @Test
  void theUnbrokenInventoryIsValid() {
    Path file = InventoryTestFiles.write(dir, "inventory.yaml", InventoryTestFiles.valid());

    InventoryParseResult result = parser.parse(List.of(file));

    assertThat(result.errors()).isEmpty();
    assertThat(result.orElseThrow().resources()).hasSize(1);
    assertThat(result.orElseThrow().groups()).hasSize(1);
  }

  @Test
  void duplicateResourceIdNamesTheFirstPlace() {
    Path file =
        InventoryTestFiles.write(
            dir,
            "inventory.yaml",
            InventoryTestFiles.withLine(16, "  - id: orders-db\n    name: Again\ngroups:"));

    List<InventoryError> errors = parser.parse(List.of(file)).errors();

    assertThat(errors)
        .extracting(InventoryError::message)
        .contains(
            "duplicate resource id 'orders-db': also defined at "
                + file
                + ":2 (resources[0].id); ids must be unique across all inventory files");
  }

  @Test
  void everyErrorOfAnEntryIsReportedNotOnlyTheFirst() {
    String yaml =
        InventoryTestFiles.valid()
            .replace("platform: postgresql", "platform: oracle")
            .replace("tier: 1\n    environment", "tier: 7\n    environment")
            .replace("target: 30s", "target: soon");
    Path file = InventoryTestFiles.write(dir, "inventory.yaml", yaml);

    List<InventoryError> errors = parser.parse(List.of(file)).errors();

    assertThat(errors)
        .extracting(InventoryError::fieldPath)
        .containsExactly("resources[0].platform", "resources[0].tier", "resources[0].rpo.target");
  }

  @Test
  void unreadableFileIsAnErrorOfThatFile() {
    Path missing = dir.resolve("missing.yaml");

    List<InventoryError> errors = parser.parse(List.of(missing)).errors();

    assertThat(errors)
        .containsExactly(
            new InventoryError(
                missing.toString(), 0, "", "cannot read the inventory file: it does not exist"));
  }
}
