package io.continuity.server.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * The real PostgreSQL server integration tests use as a state store: {@code
 * jdbc:postgresql://127.0.0.1:5432/test} as {@code postgres} (trust), overridable with {@code
 * CONTINUITY_TEST_PG_URL}, {@code CONTINUITY_TEST_PG_USER} and {@code CONTINUITY_TEST_PG_PASSWORD}.
 * Each caller gets a fresh schema so test classes never see each other's rows. When the server is
 * unreachable the test is skipped with a message, or fails when {@code
 * CONTINUITY_REQUIRE_REAL_SERVERS=1}.
 */
public final class PostgresTestServer {

  public static final String URL =
      env("CONTINUITY_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  public static final String USER = env("CONTINUITY_TEST_PG_USER", "postgres");
  public static final String PASSWORD = env("CONTINUITY_TEST_PG_PASSWORD", "");

  private static final String PREFIX = "cit_";
  private static final long STALE_AFTER_SECONDS = 3600;

  private PostgresTestServer() {}

  /**
   * Creates a fresh, empty schema and returns its name; skips (or fails) the calling test when the
   * server is unreachable. Schemas left by earlier runs over an hour old are dropped.
   */
  public static String createFreshSchema() {
    try (Connection admin = connectOrSkip();
        Statement st = admin.createStatement()) {
      dropStaleSchemas(admin);
      long now = System.currentTimeMillis() / 1000;
      String schema =
          PREFIX + now + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
      st.execute("create schema " + schema);
      return schema;
    } catch (SQLException e) {
      throw new IllegalStateException("could not create a test schema on " + URL, e);
    }
  }

  /**
   * Skips (or fails) the caller when the server is unreachable. Call it from a static
   * {@code @BeforeAll} of a {@code @SpringBootTest} on PostgreSQL: that runs before Spring loads
   * the context, where an abort would otherwise surface as a context failure instead of a skip.
   */
  public static void assumeReachable() {
    try (Connection probe = connectOrSkip()) {
      probe.isValid(2);
    } catch (SQLException e) {
      throw new IllegalStateException("could not close the probe connection to " + URL, e);
    }
  }

  /** The JDBC URL whose connections use the given schema. */
  public static String urlFor(String schema) {
    return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  public static void dropSchema(String schema) {
    try (Connection admin = DriverManager.getConnection(URL, USER, PASSWORD);
        Statement st = admin.createStatement()) {
      st.execute("drop schema if exists " + schema + " cascade");
    } catch (SQLException e) {
      // Left for the stale-schema sweep of a later run.
    }
  }

  private static Connection connectOrSkip() {
    try {
      return DriverManager.getConnection(URL, USER, PASSWORD);
    } catch (SQLException e) {
      String message =
          "PostgreSQL is not reachable at "
              + URL
              + " as "
              + USER
              + " ("
              + e.getMessage()
              + "). Start it (Debian: apt-get install postgresql && service postgresql start,"
              + " trust auth, database test) or set CONTINUITY_TEST_PG_URL.";
      if ("1".equals(System.getenv("CONTINUITY_REQUIRE_REAL_SERVERS"))) {
        fail(message + " CONTINUITY_REQUIRE_REAL_SERVERS=1 makes this a failure.");
      }
      Assumptions.abort(message);
      throw new AssertionError("unreachable");
    }
  }

  private static void dropStaleSchemas(Connection admin) throws SQLException {
    List<String> stale = new ArrayList<>();
    long now = System.currentTimeMillis() / 1000;
    try (Statement st = admin.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select nspname from pg_namespace where nspname like '" + PREFIX + "%'")) {
      while (rs.next()) {
        String name = rs.getString(1);
        String[] parts = name.substring(PREFIX.length()).split("_");
        try {
          if (now - Long.parseLong(parts[0]) > STALE_AFTER_SECONDS) {
            stale.add(name);
          }
        } catch (NumberFormatException e) {
          // Not one of ours.
        }
      }
    }
    for (String name : stale) {
      dropSchema(name);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
