package io.continuity.connector.api;

import java.util.Objects;

/** Connectivity to one named site, with a short detail such as the error class (no secrets). */
public record SiteConnectivity(String site, Connectivity connectivity, String detail) {

  public SiteConnectivity {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(connectivity, "connectivity");
    detail = detail == null ? "" : detail;
  }

  public static SiteConnectivity reachable(String site) {
    return new SiteConnectivity(site, Connectivity.REACHABLE, "");
  }
}
