package io.continuity.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Platform;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlatformCatalogTest {

  @Test
  void aPlatformWhoseConnectorIsInstalledIsAcceptedThoughNoOneListedIt() {
    PlatformCatalog catalog =
        new PlatformCatalog(Set.of(new Platform("ORACLE"), Platform.POSTGRESQL));

    assertThat(catalog.find("oracle")).contains(new Platform("ORACLE"));
    assertThat(catalog.describe())
        .isEqualTo(
            "postgresql, mongodb, sqlserver, snowflake, simulated, oracle"
                + " (connectors installed: postgresql, oracle)");
  }

  @Test
  void theDesignsPlatformsMayBeDeclaredBeforeTheirConnectorIsInstalled() {
    PlatformCatalog catalog = new PlatformCatalog(Set.of());

    assertThat(catalog.find(" MongoDB ")).contains(Platform.MONGODB);
    assertThat(catalog.find("db2")).isEmpty();
    assertThat(catalog.describe()).endsWith("(connectors installed: none)");
  }

  @Test
  void theClassPathsConnectorsAreFoundByServiceLoader() {
    String described = PlatformCatalog.classPath().describe();
    assertThat(described).contains("(connectors installed: ");
    assertThat(described.substring(described.indexOf("(connectors installed: ")))
        .as("the connectors the server ships, each found on the class path")
        .contains("postgresql", "simulated", "sqlserver");
  }
}
