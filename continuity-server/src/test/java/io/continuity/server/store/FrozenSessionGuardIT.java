package io.continuity.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.continuity.server.support.PostgresTestServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An instance frozen inside a transaction must not hold its row locks for as long as it stays
 * frozen: on a real PostgreSQL store, the session that sits idle in its transaction past the
 * timeout is ended by the server, and another session gets the row.
 */
class FrozenSessionGuardIT {

  private String schema;
  private HikariDataSource frozen;
  private HikariDataSource survivor;

  @BeforeEach
  void pools() {
    PostgresTestServer.assumeReachable();
    schema = PostgresTestServer.createFreshSchema();
    frozen = guarded(Duration.ofSeconds(1));
    survivor = guarded(Duration.ofSeconds(1));
  }

  @AfterEach
  void close() {
    if (frozen != null) {
      frozen.close();
      survivor.close();
    }
    if (schema != null) {
      PostgresTestServer.dropSchema(schema);
    }
  }

  @Test
  void aSessionIdleInItsTransactionPastTheTimeoutLosesItsLocksToTheOtherInstance()
      throws Exception {
    try (Connection setup = survivor.getConnection();
        Statement s = setup.createStatement()) {
      s.execute("create table lease (id int primary key, owner text)");
      s.execute("insert into lease values (1, 'a')");
    }
    Connection holder = frozen.getConnection();
    holder.setAutoCommit(false);
    try (Statement s = holder.createStatement()) {
      s.execute("select owner from lease where id = 1 for update");
    }

    Thread.sleep(1500); // the holder is "frozen": idle in its transaction

    try (Connection other = survivor.getConnection();
        Statement s = other.createStatement()) {
      s.execute("set lock_timeout = '5s'");
      assertThat(s.executeUpdate("update lease set owner = 'b' where id = 1"))
          .as("the row lock was released when the server ended the frozen session")
          .isEqualTo(1);
    }
    assertThatThrownBy(() -> holder.createStatement().execute("select 1"))
        .isInstanceOf(SQLException.class);
    holder.close();
  }

  private HikariDataSource guarded(Duration timeout) {
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(PostgresTestServer.urlFor(schema));
    pool.setUsername(PostgresTestServer.USER);
    pool.setPassword(PostgresTestServer.PASSWORD);
    FrozenSessionGuard guard = new FrozenSessionGuard();
    guard.setEnvironment(
        new org.springframework.mock.env.MockEnvironment()
            .withProperty(
                "continuity.store.idle-in-transaction-timeout", timeout.toMillis() + "ms"));
    return (HikariDataSource) guard.postProcessBeforeInitialization(pool, "dataSource");
  }
}
