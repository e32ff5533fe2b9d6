package io.continuity.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.MemberEndpoint;
import io.continuity.core.inventory.Resource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sites with several servers: read from YAML, stored and read back unchanged. */
class MembersInventoryTest {

  @TempDir Path dir;

  @Test
  void membersAreReadWithTheirSettingsAndSurviveTheStoredForm() {
    Path file =
        InventoryTestFiles.write(
            dir,
            "inventory.yaml",
            InventoryTestFiles.withLine(
                13,
                "      settings: { database: orders }\n"
                    + "      sites:\n"
                    + "        site-a:\n"
                    + "          members:\n"
                    + "            - { name: a-1, host: 10.0.0.1, port: 27017 }\n"
                    + "            - { host: 10.0.0.2, port: 27017, hidden: \"true\" }\n"
                    + "        site-b: { members: [ { name: b-1, host: 10.1.0.1, port: 27017 } ] }"));

    InventoryParseResult result = new InventoryParser().parse(List.of(file));

    assertThat(result.errors()).isEmpty();
    Resource orders = result.orElseThrow().resources().get(0);
    assertThat(orders.connector().membersOf("site-a"))
        .containsExactly(
            new MemberEndpoint("a-1", "10.0.0.1", 27017, Map.of()),
            new MemberEndpoint("site-a-2", "10.0.0.2", 27017, Map.of("hidden", "true")));
    assertThat(orders.connector().membersOf("site-b"))
        .extracting(MemberEndpoint::name)
        .containsExactly("b-1");
    assertThat(DefinitionJson.readResource(DefinitionJson.write(orders))).isEqualTo(orders);
  }
}
