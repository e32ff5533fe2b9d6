package io.continuity.connector.api;

import java.util.Map;
import java.util.Objects;

/**
 * One member of a site: a server the connector connects to directly (a PostgreSQL instance, a
 * replica-set member, an availability-group replica, a Snowflake account URL). A PostgreSQL pair is
 * the case of one member per site; a MongoDB replica set may have two members in the primary site
 * and one in the DR site. Credentials are never in {@code settings}.
 *
 * @param name the member's name, unique within the resource ({@code east-1}, or {@code host:port})
 * @param host host name or address
 * @param port TCP port, or 0 when the platform has none (an account URL)
 * @param settings member-specific settings (priority hints, hidden, arbiter, database...)
 */
public record MemberEndpoint(String name, String host, int port, Map<String, String> settings) {

  public MemberEndpoint {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(host, "host");
    if (name.isBlank() || host.isBlank()) {
      throw new IllegalArgumentException("a member needs a name and a host");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("member " + name + ": port " + port + " is out of range");
    }
    settings = Map.copyOf(settings == null ? Map.of() : settings);
  }

  public String setting(String key, String fallback) {
    return settings.getOrDefault(key, fallback);
  }

  /** {@code host:port}, or the host alone when there is no port. */
  public String address() {
    return port == 0 ? host : host + ":" + port;
  }
}
