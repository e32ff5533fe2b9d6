package io.continuity.core.status;

import io.continuity.connector.api.Connectivity;
import io.continuity.connector.api.PayloadSanitizer;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.SiteConnectivity;
import io.continuity.core.inventory.Resource;
import io.continuity.core.inventory.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Connectivity of a resource's two configured sites in one probe result. A site the probe did not
 * report counts as unreachable; an authentication failure is RED because it hides the site until
 * someone fixes credentials.
 */
record SiteChecks(List<Reason> reasons, boolean anyReachable) {

  static SiteChecks of(Resource resource, ProbeResult result) {
    List<Reason> reasons = new ArrayList<>();
    boolean anyReachable = false;
    for (Site site : List.of(resource.primarySite(), resource.drSite())) {
      Optional<SiteConnectivity> seen = find(resource, result, site);
      if (seen.isEmpty()) {
        reasons.add(
            Reason.of(
                ReasonCode.SITE_UNREACHABLE,
                Status.YELLOW,
                EvidenceSource.CONNECTIVITY,
                site.name(),
                "the probe reported nothing for it"));
      } else if (seen.get().connectivity().isReachable()) {
        anyReachable = true;
      } else {
        reasons.add(unreachable(site, seen.get()));
      }
    }
    return new SiteChecks(List.copyOf(reasons), anyReachable);
  }

  boolean authFailed() {
    return reasons.stream().anyMatch(r -> r.code() == ReasonCode.AUTH_FAILED);
  }

  private static Optional<SiteConnectivity> find(Resource resource, ProbeResult result, Site site) {
    return result.sites().stream()
        .filter(s -> resource.site(s.site()).map(site::equals).orElse(false))
        .findFirst();
  }

  private static Reason unreachable(Site site, SiteConnectivity seen) {
    String detail =
        seen.connectivity().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
            + (seen.detail().isBlank()
                ? ""
                : ": " + PayloadSanitizer.standard().sanitizeText(seen.detail()));
    if (seen.connectivity() == Connectivity.AUTH_FAILED) {
      return Reason.of(
          ReasonCode.AUTH_FAILED, Status.RED, EvidenceSource.CONNECTIVITY, site.name(), detail);
    }
    return Reason.of(
        ReasonCode.SITE_UNREACHABLE,
        Status.YELLOW,
        EvidenceSource.CONNECTIVITY,
        site.name(),
        detail);
  }
}
