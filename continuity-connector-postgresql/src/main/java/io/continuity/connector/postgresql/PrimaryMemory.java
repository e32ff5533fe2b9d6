package io.continuity.connector.postgresql;

import java.util.Optional;

/**
 * The highest primary LSN this connector has seen, and on which site: a failover's evidence of how
 * far the old primary got when the engine passes no marker of its own. Forgotten when another site
 * becomes primary, since positions of an old timeline say nothing about the new one.
 */
final class PrimaryMemory {

  private String site;
  private Lsn highest;

  synchronized void saw(String primarySite, Lsn lsn) {
    if (!primarySite.equals(site)) {
      site = primarySite;
      highest = lsn;
    } else if (highest == null || lsn.compareTo(highest) > 0) {
      highest = lsn;
    }
  }

  synchronized Optional<Lsn> highestOn(String primarySite) {
    return primarySite.equals(site) ? Optional.ofNullable(highest) : Optional.empty();
  }
}
