package io.continuity.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * A store made by an older release upgrades with the migrations and Flyway settings the server
 * ships. The versions are not applied in order on every store: {@code V40__auth_throttle} landed
 * before {@code V11} and {@code V12}, so a store of that release holds V1–V10 and V40, and the
 * server must still apply V11 and later (out of order) instead of refusing to start.
 */
class FlywayUpgradeTest {

  static final String COMMON = "db/migration/common/";

  @Test
  void aStoreThatAlreadyHasV40GetsTheLowerVersionsThatCameLater(@TempDir Path dir)
      throws IOException {
    Path older = dir.resolve("older");
    Files.createDirectories(older);
    for (String name : releasedBefore()) {
      copy(COMMON + name, older.resolve(name));
    }
    copy(
        "db/migration/h2/V1_1__audit_event_append_only.sql",
        older.resolve("V1_1__audit_event_append_only.sql"));
    String url = "jdbc:h2:mem:upgrade-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
    Flyway.configure().dataSource(url, "sa", "").locations("filesystem:" + older).load().migrate();

    Flyway shipped =
        Flyway.configure()
            .configuration(serverFlywaySettings())
            .dataSource(url, "sa", "")
            .locations("classpath:db/migration/common", "classpath:db/migration/h2")
            .load();
    shipped.migrate();

    List<MigrationInfo> all = List.of(shipped.info().all());
    assertThat(all).allMatch(m -> m.getState().isApplied(), "every migration applied");
    assertThat(all)
        .filteredOn(m -> m.getVersion().toString().equals("11"))
        .singleElement()
        .extracting(MigrationInfo::getState)
        .isEqualTo(MigrationState.OUT_OF_ORDER);
    shipped.validate();
  }

  /** The migrations of the release that first had V40: V1–V10 and V40. */
  static List<String> releasedBefore() {
    return List.of(
        "V1__audit_event.sql",
        "V2__inventory.sql",
        "V3__executions.sql",
        "V4__monitoring.sql",
        "V5__execution_engine.sql",
        "V6__approvals_seen_and_overrides.sql",
        "V7__notifications.sql",
        "V8__monitoring_leader.sql",
        "V9__api_tokens.sql",
        "V10__sso_users.sql",
        "V40__auth_throttle.sql");
  }

  /** The server's own {@code spring.flyway.out-of-order}, as a Flyway property. */
  @SuppressWarnings("unchecked")
  static Map<String, String> serverFlywaySettings() throws IOException {
    Map<String, Object> yaml;
    try (InputStream in = resource("application.yaml")) {
      yaml = new Yaml().load(in);
    }
    Map<String, Object> flyway =
        (Map<String, Object>) ((Map<String, Object>) yaml.get("spring")).get("flyway");
    return Map.of("flyway.outOfOrder", String.valueOf(flyway.get("out-of-order")));
  }

  static void copy(String resource, Path to) throws IOException {
    try (InputStream in = resource(resource)) {
      Files.copy(in, to);
    }
  }

  static InputStream resource(String name) {
    InputStream in = FlywayUpgradeTest.class.getClassLoader().getResourceAsStream(name);
    assertThat(in).as(name).isNotNull();
    return in;
  }
}
