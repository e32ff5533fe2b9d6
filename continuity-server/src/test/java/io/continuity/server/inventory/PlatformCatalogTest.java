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
    assertThat(PlatformCatalog.classPath().describe())
        .endsWith("(connectors installed: postgresql, simulated)");
  }
}
