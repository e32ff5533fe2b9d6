package io.continuity.server.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.stereotype.Repository;

/** Reads how the state store is set up, as the database itself reports it. */
@Repository
class StoreSettingsRepository {

  /** The database product, whether it is kept on disk, and H2's effective write delay. */
  record StoreSettings(String product, boolean persistent, Optional<Integer> writeDelayMillis) {}

  private final DataSource dataSource;

  StoreSettingsRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  StoreSettings read() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      String product = meta.getDatabaseProductName();
      if (!"H2".equalsIgnoreCase(product)) {
        return new StoreSettings(product, true, Optional.empty());
      }
      return new StoreSettings(
          product,
          !meta.getURL().startsWith("jdbc:h2:mem:"),
          h2Setting(connection, "WRITE_DELAY").map(Integer::valueOf));
    }
  }

  private static Optional<String> h2Setting(Connection connection, String name)
      throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "select setting_value from information_schema.settings where setting_name = '"
                    + name
                    + "'")) {
      return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
    }
  }
}
