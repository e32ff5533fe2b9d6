package io.continuity.connector.sqlserver;

import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.MemberEndpoint;
import io.continuity.connector.api.SecretUnavailableException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Sessions over Microsoft's mssql-jdbc driver, one direct connection per replica (DMVs show local
 * truth and FAILOVER must run on the target, brief §2.1). Credentials are resolved when connecting
 * and handed to the driver as properties, never put into the URL.
 */
final class JdbcAgSessions implements AgSessions {

  private final ConnectorConfig config;
  private final AgSettings settings;

  JdbcAgSessions(ConnectorConfig config, AgSettings settings) {
    this.config = config;
    this.settings = settings;
  }

  @Override
  public AgSession open(MemberEndpoint member, Intent intent, Duration timeout)
      throws SQLException {
    Properties props = new Properties();
    try {
      props.setProperty("user", config.secret("username"));
      props.setProperty("password", config.secret("password"));
    } catch (SecretUnavailableException e) {
      throw new SQLException("credentials unavailable: " + e.getMessage(), "28000", 18456);
    }
    int seconds = (int) Math.max(1, Math.min(65535, (timeout.toMillis() + 999) / 1000));
    props.setProperty("encrypt", settings.encrypt());
    props.setProperty(
        "trustServerCertificate", Boolean.toString(settings.trustServerCertificate()));
    String certHost =
        member.setting("hostNameInCertificate", settings.hostNameInCertificate().orElse(null));
    if (certHost != null) {
      props.setProperty("hostNameInCertificate", certHost);
    }
    props.setProperty("loginTimeout", Integer.toString(seconds));
    props.setProperty("queryTimeout", Integer.toString(seconds));
    props.setProperty("databaseName", "master");
    props.setProperty("applicationName", "continuity");
    props.setProperty("applicationIntent", intent == Intent.READ_ONLY ? "ReadOnly" : "ReadWrite");
    String url = "jdbc:sqlserver://" + member.host() + ":" + member.port();
    Connection connection = new com.microsoft.sqlserver.jdbc.SQLServerDriver().connect(url, props);
    if (connection == null) {
      throw new SQLException("mssql-jdbc refused the URL " + url, "08001");
    }
    return new JdbcSession(connection, seconds);
  }

  /** Replaces each {@code ?} of {@code sql} with the next parameter as an N'' literal. */
  static String inline(String sql, Object... parameters) {
    StringBuilder out = new StringBuilder();
    int next = 0;
    for (char c : sql.toCharArray()) {
      if (c == '?') {
        if (next >= parameters.length) {
          throw new IllegalArgumentException("more placeholders than parameters in " + sql);
        }
        out.append(AgQueries.unicodeLiteral(String.valueOf(parameters[next++])));
      } else {
        out.append(c);
      }
    }
    if (next != parameters.length) {
      throw new IllegalArgumentException("more parameters than placeholders in " + sql);
    }
    return out.toString();
  }

  private record JdbcSession(Connection connection, int timeoutSeconds) implements AgSession {

    @Override
    public List<Row> query(String sql, Object... parameters) throws SQLException {
      // parameters are names (group, database): inlined as quoted N'' literals so every
      // statement is one plain SQL batch, the same text whichever driver setting is in force
      try (Statement statement = connection.createStatement()) {
        statement.setQueryTimeout(timeoutSeconds);
        try (ResultSet rs = statement.executeQuery(inline(sql, parameters))) {
          ResultSetMetaData meta = rs.getMetaData();
          List<Row> rows = new ArrayList<>();
          while (rs.next()) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
              values.put(meta.getColumnLabel(c), rs.getObject(c));
            }
            rows.add(new Row(values));
          }
          return rows;
        }
      }
    }

    @Override
    public void execute(String sql) throws SQLException {
      try (Statement statement = connection.createStatement()) {
        statement.setQueryTimeout(timeoutSeconds);
        statement.execute(sql);
      }
    }

    @Override
    public void close() {
      try {
        connection.close();
      } catch (SQLException e) {
        // closing a broken connection: nothing to keep
      }
    }
  }
}
