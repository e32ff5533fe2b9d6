package io.continuity.connector.sqlserver;

import java.sql.SQLException;
import java.util.List;

/**
 * The narrow seam between the connector and one SQL Server instance (an availability replica): the
 * connector sends only the fixed statements of {@link AgQueries}. In production it is a JDBC
 * connection of Microsoft's mssql-jdbc driver ({@link JdbcAgSessions}); in tests an availability
 * group simulator answers the same strings. Errors are {@link SQLException}s whose {@link
 * SQLException#getErrorCode()} is SQL Server's error number, as mssql-jdbc reports it.
 */
interface AgSession extends AutoCloseable {

  /** Runs a query with positional parameters ({@code ?}) and returns every row. */
  List<Row> query(String sql, Object... parameters) throws SQLException;

  /** Runs a statement that returns no rows (ALTER AVAILABILITY GROUP, ALTER DATABASE). */
  void execute(String sql) throws SQLException;

  @Override
  void close();
}
