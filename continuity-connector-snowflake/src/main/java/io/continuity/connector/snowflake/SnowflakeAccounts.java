package io.continuity.connector.snowflake;

import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.SecretUnavailableException;
import io.continuity.connector.snowflake.AccountObservation.GroupRow;
import io.continuity.connector.snowflake.AccountObservation.RefreshRow;
import io.continuity.connector.snowflake.SnowflakeSettings.Account;
import io.continuity.connector.snowflake.SqlApiException.Kind;
import io.continuity.connector.support.Deadline;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SQL API clients of a resource's accounts, made when first needed (the key is read from its
 * secret reference then, never earlier), and the reads every probe and step shares.
 */
final class SnowflakeAccounts {

  private final ConnectorConfig config;
  private final SnowflakeSettings settings;
  private final HttpClient http;
  private final Clock clock;
  private final Map<String, SqlApiClient> clients = new ConcurrentHashMap<>();

  SnowflakeAccounts(ConnectorConfig config, SnowflakeSettings settings, Clock clock) {
    this.config = config;
    this.settings = settings;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** The client of one account. */
  SqlApiClient client(Account account) throws SqlApiException {
    SqlApiClient client = clients.get(account.site());
    if (client != null) {
      return client;
    }
    KeyPairJwt jwt;
    try {
      jwt =
          KeyPairJwt.of(
              account.identifier(),
              config.secret("user"),
              config.secret("privateKey"),
              settings.jwtLifetime(),
              clock);
    } catch (SecretUnavailableException e) {
      throw new SqlApiException(Kind.AUTH, 0, "", "", "credentials unavailable: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new SqlApiException(Kind.AUTH, 0, "", "", "key unusable: " + e.getMessage());
    }
    Map<String, String> context = new LinkedHashMap<>();
    settings.warehouse().ifPresent(w -> context.put("warehouse", w));
    settings.role().ifPresent(r -> context.put("role", r));
    client = new SqlApiClient(account.base(), jwt, http, context, settings.pollInterval());
    SqlApiClient previous = clients.putIfAbsent(account.site(), client);
    return previous == null ? client : previous;
  }

  /** Looks at one account: its group row, its clock and, on a secondary, its refreshes. */
  AccountObservation observe(Account account, Deadline deadline) throws SqlApiException {
    try {
      return look(account, deadline);
    } catch (SqlApiException e) {
      if (e.kind() == Kind.AUTH) {
        // a rotated key or user: the next look reads the secret references again
        clients.remove(account.site());
      }
      throw e;
    }
  }

  private AccountObservation look(Account account, Deadline deadline) throws SqlApiException {
    Optional<GroupRow> group = groupRow(account, deadline);
    long now = now(account, deadline);
    List<RefreshRow> refreshes =
        group.isPresent() && !group.get().isPrimary() ? history(account, deadline) : List.of();
    return new AccountObservation(account, group, now, refreshes);
  }

  /** This account's row of SHOW FAILOVER GROUPS for the configured group, if it holds it. */
  Optional<GroupRow> groupRow(Account account, Deadline deadline) throws SqlApiException {
    StatementResult result = client(account).query(Statements.SHOW_FAILOVER_GROUPS, deadline);
    for (StatementResult.Row row : result.rowList()) {
      if (row.text("name").equalsIgnoreCase(settings.failoverGroup()) && isOwnRow(account, row)) {
        return Optional.of(
            new GroupRow(
                row.text("name"),
                row.text("account_name"),
                row.bool("is_primary"),
                row.text("primary"),
                row.text("replication_schedule"),
                row.text("secondary_state"),
                row.text("next_scheduled_refresh")));
      }
    }
    return Optional.empty();
  }

  /** The account's CURRENT_TIMESTAMP as epoch microseconds. */
  long now(Account account, Deadline deadline) throws SqlApiException {
    StatementResult result = client(account).query(Statements.NOW_US, deadline);
    return result.rowList().stream()
        .findFirst()
        .flatMap(r -> r.number("NOW_US"))
        .orElseThrow(
            () -> new SqlApiException(Kind.FAILED, 200, "", "", "CURRENT_TIMESTAMP gave no row"));
  }

  /** The group's recent refreshes in this account, newest first. */
  List<RefreshRow> history(Account account, Deadline deadline) throws SqlApiException {
    StatementResult result =
        client(account)
            .query(
                Statements.refreshHistory(settings.database(), settings.failoverGroup()),
                Map.of("database", settings.database()),
                deadline);
    List<RefreshRow> rows = new ArrayList<>();
    for (StatementResult.Row row : result.rowList()) {
      rows.add(
          new RefreshRow(
              row.text("PHASE_NAME").toUpperCase(Locale.ROOT),
              row.text("JOB_UUID"),
              row.number("START_US").orElse(0L),
              row.number("END_US"),
              row.number("SNAPSHOT_US"),
              row.get("ERROR").filter(e -> !e.isBlank() && !e.equalsIgnoreCase("null"))));
    }
    rows.sort((a, b) -> Long.compare(b.startMicros(), a.startMicros()));
    return rows;
  }

  /**
   * Whether a SHOW row is this account's: {@code organization_name-account_name} (or the account
   * name, or the locator) matches the configured identifier, '_' and '-' alike.
   */
  static boolean isOwnRow(Account account, StatementResult.Row row) {
    String id = normal(KeyPairJwt.jwtAccount(account.identifier()));
    String name = normal(row.text("account_name"));
    String org = normal(row.text("organization_name"));
    String locator = normal(row.text("account_locator"));
    return id.equals(org + "-" + name)
        || id.equals(name)
        || (!locator.isEmpty() && id.equals(locator));
  }

  private static String normal(String text) {
    return text.trim().toUpperCase(Locale.ROOT).replace('_', '-');
  }
}
