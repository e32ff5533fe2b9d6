package io.continuity.connector.api;

/** The role a site was configured with; the connector discovers which site is primary now. */
public enum SiteRole {
  PRIMARY,
  DR
}
