package io.continuity.connector.postgresql;

import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.SecretUnavailableException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * Opens JDBC connections to a site with the configured credentials and timeouts: the connect
 * timeout, a server-side {@code statement_timeout} and a socket timeout a little longer, so no call
 * can hang past its budget. Credentials are resolved at each connection and never kept.
 */
final class Sessions {

  private static final Executor DIRECT = Runnable::run;

  private final ConnectorConfig config;
  private final PostgresSettings settings;

  Sessions(ConnectorConfig config, PostgresSettings settings) {
    this.config = config;
    this.settings = settings;
  }

  /**
   * Opens a connection within {@code budget} (capped by the connect timeout); statements get the
   * configured statement timeout, also capped by the budget.
   *
   * @throws SQLException when the site cannot be reached or refuses the login
   * @throws ConnectorException (not retriable) when a credential cannot be resolved
   */
  Connection open(SiteSettings site, Duration budget) throws SQLException, ConnectorException {
    Duration connect = min(settings.connectTimeout(), budget);
    Duration statement = min(settings.statementTimeout(), budget);
    Properties props = new Properties();
    props.setProperty("user", user());
    password().ifPresent(p -> props.setProperty("password", p));
    props.setProperty("connectTimeout", Long.toString(ceilSeconds(connect)));
    props.setProperty("loginTimeout", Long.toString(ceilSeconds(connect)));
    props.setProperty("socketTimeout", Long.toString(ceilSeconds(statement) + 2));
    props.setProperty("options", "-c statement_timeout=" + Math.max(1, statement.toMillis()));
    props.setProperty("ApplicationName", "continuity");
    props.setProperty("tcpKeepAlive", "true");
    settings.sslmode().ifPresent(mode -> props.setProperty("sslmode", mode));
    String url = "jdbc:postgresql://" + site.host() + ":" + site.port() + "/" + site.database();
    return DriverManager.getConnection(url, props);
  }

  /** Lets one long call (pg_promote waiting) run for {@code duration}. */
  static void allowLongCall(Connection connection, Duration duration) throws SQLException {
    connection.setNetworkTimeout(DIRECT, (int) Math.min(Integer.MAX_VALUE, duration.toMillis()));
    try (var statement = connection.createStatement()) {
      statement.execute("set statement_timeout = " + Math.max(1, duration.toMillis()));
    }
  }

  private String user() throws ConnectorException {
    if (config.secrets().containsKey("username")) {
      return secret("username");
    }
    return settings
        .user()
        .orElseThrow(
            () ->
                ConnectorException.permanent(
                    "resource "
                        + config.resourceId()
                        + " needs a 'user' setting or a 'username' credential"));
  }

  private java.util.Optional<String> password() throws ConnectorException {
    if (!config.secrets().containsKey("password")) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(secret("password"));
  }

  private String secret(String name) throws ConnectorException {
    try {
      return config.secret(name);
    } catch (SecretUnavailableException e) {
      throw ConnectorException.permanent(
          "resource " + config.resourceId() + ": " + e.getMessage(), null);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static long ceilSeconds(Duration d) {
    long seconds = (d.toMillis() + 999) / 1000;
    return Math.max(1, seconds);
  }
}
