package io.continuity.connector.snowflake;

import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.MemberEndpoint;
import io.continuity.connector.api.SiteEndpoint;
import io.continuity.connector.api.SiteRole;
import io.continuity.connector.support.SettingsReader;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Snowflake resource's configuration, read once: the failover group, the context statements run
 * in, timeouts, the optional quiesce statements, and one account per site (the site's single
 * member: host = the account URL's host, setting {@code account} = the account identifier the JWT
 * names).
 */
record SnowflakeSettings(
    String failoverGroup,
    String database,
    Optional<String> warehouse,
    Optional<String> role,
    String scheme,
    Duration statementTimeout,
    Duration connectTimeout,
    Duration pollInterval,
    Duration catchUpTimeout,
    Duration promoteTimeout,
    Optional<Duration> maxRefreshAge,
    Optional<String> quiesceStatement,
    Optional<String> resumeWritesStatement,
    Optional<String> drillQuery,
    Optional<String> connection,
    Duration jwtLifetime,
    List<Account> accounts) {

  /** One account: the site it serves, its member name, its identifier and its SQL API base URL. */
  record Account(
      String site,
      SiteRole configuredRole,
      String member,
      String identifier,
      URI base,
      String host,
      int port,
      Optional<String> quiesceAction,
      Optional<String> unquiesceAction) {}

  static final Set<String> CONNECTOR_KEYS =
      Set.of(
          "failoverGroup",
          "database",
          "warehouse",
          "role",
          "scheme",
          "statementTimeout",
          "connectTimeout",
          "pollInterval",
          "catchUpTimeout",
          "promoteTimeout",
          "maxRefreshAge",
          "quiesceStatement",
          "resumeWritesStatement",
          "drillQuery",
          "connection",
          "jwtLifetime");

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,254}");
  private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,254}");

  static SnowflakeSettings parse(ConnectorConfig config) {
    SettingsReader r = SettingsReader.of(config.settings()).onlyKeys(CONNECTOR_KEYS);
    String group = identifier(r, "failoverGroup", "the failover group's name, for example FG1");
    String database =
        identifier(
            r,
            "database",
            "a database every account can use as context for the Information Schema functions"
                + " (a replicated database of the group)");
    Optional<String> warehouse = optionalIdentifier(r, "warehouse");
    Optional<String> role = optionalIdentifier(r, "role");
    String scheme = r.text("scheme", "https").toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IllegalArgumentException("setting 'scheme' must be https (or http for a lab fake)");
    }
    Duration jwtLifetime = r.duration("jwtLifetime", "59m");
    if (jwtLifetime.compareTo(KeyPairJwt.MAX_LIFETIME) > 0) {
      throw new IllegalArgumentException(
          "setting 'jwtLifetime' must be at most 1h: Snowflake refuses longer-lived JWTs");
    }
    if (!config.secrets().containsKey("user") || !config.secrets().containsKey("privateKey")) {
      throw new IllegalArgumentException(
          "credentials 'user' and 'privateKey' are required, as references such as env:SF_USER"
              + " and file:/run/secrets/sf_key.p8 (an unencrypted PKCS#8 PEM key)");
    }
    List<Account> accounts = new ArrayList<>();
    for (SiteEndpoint site : config.sites()) {
      if (site.members().size() != 1) {
        throw new IllegalArgumentException(
            "site "
                + site.name()
                + ": a Snowflake site is one account, so it needs exactly one member (found "
                + site.members().size()
                + ")");
      }
      MemberEndpoint member = site.members().get(0);
      String account = site.setting(member, "account", "").trim();
      if (!ACCOUNT.matcher(account).matches()) {
        throw new IllegalArgumentException(
            "site "
                + site.name()
                + ": setting 'account' is required: the account identifier such as MYORG-EAST");
      }
      int port = member.port() == 0 ? (scheme.equals("https") ? 443 : 80) : member.port();
      URI base = URI.create(scheme + "://" + member.host() + ":" + port);
      accounts.add(
          new Account(
              site.name(),
              site.role(),
              member.name(),
              account,
              base,
              member.host(),
              port,
              action(site, member, "action.quiesce"),
              action(site, member, "action.unquiesce")));
    }
    if (accounts.size() != 2
        || config.siteWithRole(SiteRole.PRIMARY).isEmpty()
        || config.siteWithRole(SiteRole.DR).isEmpty()) {
      throw new IllegalArgumentException(
          "a Snowflake resource needs two sites, one PRIMARY and one DR (one account each)");
    }
    return new SnowflakeSettings(
        group,
        database,
        warehouse,
        role,
        scheme,
        r.duration("statementTimeout", "30s"),
        r.duration("connectTimeout", "10s"),
        r.duration("pollInterval", "1s"),
        r.duration("catchUpTimeout", "1h"),
        r.duration("promoteTimeout", "5m"),
        r.text("maxRefreshAge").map(v -> r.duration("maxRefreshAge", v)),
        r.text("quiesceStatement"),
        r.text("resumeWritesStatement"),
        r.text("drillQuery"),
        optionalIdentifier(r, "connection"),
        jwtLifetime,
        List.copyOf(accounts));
  }

  /** True when every account can be quiesced (by the statement or its host action). */
  boolean canQuiesce() {
    return quiesceStatement.isPresent()
        || accounts.stream().allMatch(a -> a.quiesceAction().isPresent());
  }

  private static Optional<String> action(SiteEndpoint site, MemberEndpoint member, String key) {
    return Optional.ofNullable(site.setting(member, key, null))
        .map(String::strip)
        .filter(v -> !v.isEmpty());
  }

  Account account(String site) {
    return accounts.stream()
        .filter(a -> a.site().equals(site))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no site " + site));
  }

  Account otherThan(String site) {
    return accounts.stream()
        .filter(a -> !a.site().equals(site))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no site other than " + site));
  }

  private static String identifier(SettingsReader r, String key, String what) {
    String value = r.required(key, what);
    if (!IDENTIFIER.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "setting '" + key + "' must be an unquoted Snowflake identifier (letters, digits, _ $)");
    }
    return value.toUpperCase(Locale.ROOT);
  }

  private static Optional<String> optionalIdentifier(SettingsReader r, String key) {
    Optional<String> value = r.text(key);
    if (value.isPresent() && !IDENTIFIER.matcher(value.get()).matches()) {
      throw new IllegalArgumentException(
          "setting '" + key + "' must be an unquoted Snowflake identifier (letters, digits, _ $)");
    }
    return value.map(v -> v.toUpperCase(Locale.ROOT));
  }
}
