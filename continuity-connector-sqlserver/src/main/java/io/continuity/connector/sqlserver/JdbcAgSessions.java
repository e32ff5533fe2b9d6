package io.continuity.connector.sqlserver;

import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.MemberEndpoint;
import io.continuity.connector.api.SecretUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
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

  private record JdbcSession(Connection connection, int timeoutSeconds) implements AgSession {

    @Override
    public List<Row> query(String sql, Object... parameters) throws SQLException {
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        statement.setQueryTimeout(timeoutSeconds);
        for (int i = 0; i < parameters.length; i++) {
          statement.setObject(i + 1, parameters[i]);
        }
        try (ResultSet rs = statement.executeQuery()) {
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
