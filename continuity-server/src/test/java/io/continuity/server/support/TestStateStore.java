package io.continuity.server.support;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A fresh, migrated state store for integration tests, on H2 (a file database in a temp dir) or on
 * the real PostgreSQL (a fresh schema). Runs the application's own Flyway migrations, so tests
 * prove the SQL that ships. Use {@link #registerH2} / {@link #registerPostgres} from a
 * {@code @DynamicPropertySource} to point a whole Spring Boot test at such a store.
 */
public final class TestStateStore implements AutoCloseable {

  /** Which database backs the store. */
  public enum Kind {
    H2,
    POSTGRES
  }

  /** The H2 settings the application uses (see application.yaml). */
  public static final String H2_SETTINGS =
      ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;WRITE_DELAY=0";

  private final Kind kind;
  private final String url;
  private final String user;
  private final String password;
  private final String schema;
  private final List<HikariDataSource> pools = new ArrayList<>();
  private final HikariDataSource dataSource;

  private TestStateStore(Kind kind, String url, String user, String password, String schema) {
    this.kind = kind;
    this.url = url;
    this.user = user;
    this.password = password;
    this.schema = schema;
    this.dataSource = newDataSource();
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor())
        .load()
        .migrate();
  }

  /** An H2 file database in {@code dir}, migrated. */
  public static TestStateStore h2(Path dir) {
    return new TestStateStore(Kind.H2, h2Url(dir), "sa", "", null);
  }

  /** A fresh schema on the real PostgreSQL, migrated; skips the test if it is unreachable. */
  public static TestStateStore postgres() {
    String schema = PostgresTestServer.createFreshSchema();
    return new TestStateStore(
        Kind.POSTGRES,
        PostgresTestServer.urlFor(schema),
        PostgresTestServer.USER,
        PostgresTestServer.PASSWORD,
        schema);
  }

  public static String h2Url(Path dir) {
    return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("continuity") + H2_SETTINGS;
  }

  /** Points a Spring Boot test at a new H2 file database in {@code dir}. */
  public static void registerH2(DynamicPropertyRegistry registry, Path dir) {
    registry.add("spring.datasource.url", () -> h2Url(dir));
    registry.add("spring.datasource.username", () -> "sa");
    registry.add("spring.datasource.password", () -> "");
  }

  /** Points a Spring Boot test at a fresh schema on the real PostgreSQL (Boot runs Flyway). */
  public static void registerPostgres(DynamicPropertyRegistry registry) {
    String schema = PostgresTestServer.createFreshSchema();
    registry.add("spring.datasource.url", () -> PostgresTestServer.urlFor(schema));
    registry.add("spring.datasource.username", () -> PostgresTestServer.USER);
    registry.add("spring.datasource.password", () -> PostgresTestServer.PASSWORD);
  }

  public Kind kind() {
    return kind;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public JdbcClient jdbc() {
    return JdbcClient.create(dataSource);
  }

  public PlatformTransactionManager transactions() {
    return new DataSourceTransactionManager(dataSource);
  }

  /** Another connection pool to the same store, standing in for a second server instance. */
  public HikariDataSource newDataSource() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(6);
    HikariDataSource pool = new HikariDataSource(config);
    pools.add(pool);
    return pool;
  }

  /**
   * Runs SQL behind the application's back with the append-only protection switched off, the way an
   * attacker with database access would: on PostgreSQL as superuser with {@code
   * session_replication_role = replica}, on H2 by dropping the trigger and creating it again.
   */
  public void tamper(String... statements) {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement()) {
      if (kind == Kind.POSTGRES) {
        st.execute("set session_replication_role = replica");
      } else {
        st.execute("drop trigger audit_event_append_only");
      }
      for (String sql : statements) {
        st.execute(sql);
      }
      if (kind == Kind.POSTGRES) {
        st.execute("reset session_replication_role");
      } else {
        st.execute(
            "create trigger audit_event_append_only before update, delete on audit_event"
                + " for each row call 'io.continuity.server.audit.AppendOnlyTrigger'");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("tampering failed: " + e.getMessage(), e);
    }
  }

  private String vendor() {
    return kind == Kind.POSTGRES ? "postgresql" : "h2";
  }

  @Override
  public void close() {
    pools.forEach(HikariDataSource::close);
    if (schema != null) {
      PostgresTestServer.dropSchema(schema);
    }
  }
}
