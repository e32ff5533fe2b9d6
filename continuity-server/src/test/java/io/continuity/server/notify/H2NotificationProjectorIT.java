package io.continuity.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.server.audit.AuditTrail;
import io.continuity.server.support.TestStateStore;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The projector contract on the embedded H2 file store, plus where the cursor starts. */
class H2NotificationProjectorIT extends NotificationProjectorContract {

  @TempDir Path dir;

  @Override
  TestStateStore openStore() {
    return TestStateStore.h2(dir.resolve("store"));
  }

  @Test
  void anExistingAuditTrailIsNotNotifiedWhenNotificationsArrive() {
    DriverManagerDataSource db =
        new DriverManagerDataSource(TestStateStore.h2Url(dir.resolve("upgrade")), "sa", "");
    FluentConfiguration flyway =
        Flyway.configure()
            .dataSource(db)
            .locations("classpath:db/migration/common", "classpath:db/migration/h2");
    flyway.target("5").load().migrate();
    AuditTrail trail = new AuditTrail(JdbcClient.create(db), new DataSourceTransactionManager(db));
    for (int n = 1; n <= 3; n++) {
      trail.append(requestCreated(n));
    }

    flyway.target("latest").load().migrate();

    assertThat(new NotificationRepository(JdbcClient.create(db)).cursor()).isEqualTo(3);
  }
}
