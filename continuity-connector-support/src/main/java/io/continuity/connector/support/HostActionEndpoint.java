package io.continuity.connector.support;

import java.util.Objects;

/**
 * Where a host action acts, as its environment names it: the site (and, for multi-member sites, the
 * member's host and port).
 *
 * @param site the site name from the inventory
 * @param host the host of the site's (or member's) endpoint
 * @param port its port
 */
public record HostActionEndpoint(String site, String host, int port) {

  public HostActionEndpoint {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(host, "host");
  }
}
