package io.continuity.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up check reads what a real H2 file database does, not what its URL says. */
class StoreDurabilityCheckIT {

  @TempDir Path dir;

  @Test
  void theServerRefusesToStartOnAnH2FileStoreWithTheDefaultWriteDelay() {
    try (HikariDataSource store = h2(dir.resolve("late") + ";MODE=PostgreSQL")) {
      StoreDurabilityCheck check =
          new StoreDurabilityCheck(
              new StoreSettingsRepository(store),
              new StoreProperties(false, Duration.ofSeconds(5)));

      assertThatThrownBy(check::afterPropertiesSet)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Refusing to start")
          .hasMessageContaining("WRITE_DELAY=500");
    }
  }

  @Test
  void theServerStartsOnAnH2FileStoreThatWritesAtCommitOrWhenTheOperatorOptsOut() throws Exception {
    try (HikariDataSource durable = h2(dir.resolve("durable") + ";WRITE_DELAY=0");
        HikariDataSource late = h2(dir.resolve("late-allowed").toString())) {
      new StoreDurabilityCheck(
              new StoreSettingsRepository(durable),
              new StoreProperties(false, Duration.ofSeconds(5)))
          .afterPropertiesSet();
      new StoreDurabilityCheck(
              new StoreSettingsRepository(late), new StoreProperties(true, Duration.ofSeconds(5)))
          .afterPropertiesSet();
      assertThat(durable.isRunning()).isTrue();
    }
  }

  private static HikariDataSource h2(String file) {
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl("jdbc:h2:file:" + file);
    dataSource.setUsername("sa");
    dataSource.setPassword("");
    return dataSource;
  }
}
