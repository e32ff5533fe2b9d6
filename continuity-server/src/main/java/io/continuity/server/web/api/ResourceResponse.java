package io.continuity.server.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.continuity.core.inventory.Resource;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A resource as the API shows it. {@code connector} only in the single-resource view, with
 * credentials as references ({@code env:NAME}, {@code file:/path}), never values; {@code removedAt}
 * only for removed resources.
 */
@Schema(description = "A protected database and its DR configuration")
public record ResourceResponse(
    String id,
    String name,
    @Schema(description = "platform as written in the inventory, lower case") String platform,
    @Schema(description = "1 (most critical) or 2") int tier,
    String environment,
    String owner,
    SiteView primarySite,
    SiteView drSite,
    @Schema(description = "the site that is primary now; changes only through executions")
        String currentPrimarySite,
    Rpo rpo,
    @Schema(description = "null when no heartbeat is configured") Heartbeat heartbeat,
    @Schema(description = "ids of the groups the resource belongs to") List<String> groups,
    @JsonInclude(JsonInclude.Include.NON_NULL) Connector connector,
    @JsonInclude(JsonInclude.Include.NON_NULL) Instant removedAt) {

  /** A site and its free metadata. */
  public record SiteView(String name, Map<String, String> metadata) {}

  /** The RPO target and the thresholds that colour the status. */
  public record Rpo(long targetSeconds, long warnSeconds, Long warnBytes, Long criticalBytes) {}

  /** The heartbeat table and its timing. */
  public record Heartbeat(String table, long intervalSeconds, long staleAfterSeconds) {}

  /** Connector settings; credentials are secret references only. */
  public record Connector(
      Map<String, String> settings,
      Map<String, Map<String, String>> sites,
      @Schema(
              description =
                  "the servers of each site that lists them (connector.sites.<site>.members)")
          @JsonInclude(JsonInclude.Include.NON_EMPTY)
          Map<String, List<Member>> members,
      @Schema(description = "credential name to its reference, e.g. env:ORDERS_PW")
          Map<String, String> credentials) {}

  /** One server of a site. */
  public record Member(String name, String host, int port, Map<String, String> settings) {}

  static ResourceResponse of(
      Resource r,
      String currentPrimarySite,
      List<String> groups,
      boolean withConnector,
      Instant removedAt) {
    return new ResourceResponse(
        r.id(),
        r.name(),
        r.platform().name().toLowerCase(Locale.ROOT),
        r.tier().number(),
        r.environment(),
        r.owner(),
        new SiteView(r.primarySite().name(), new TreeMap<>(r.primarySite().metadata())),
        new SiteView(r.drSite().name(), new TreeMap<>(r.drSite().metadata())),
        currentPrimarySite,
        new Rpo(
            r.rpo().target().toSeconds(),
            r.rpo().warn().toSeconds(),
            r.rpo().warnBytes().isPresent() ? r.rpo().warnBytes().getAsLong() : null,
            r.rpo().criticalBytes().isPresent() ? r.rpo().criticalBytes().getAsLong() : null),
        r.heartbeat()
            .map(
                h -> new Heartbeat(h.table(), h.interval().toSeconds(), h.staleAfter().toSeconds()))
            .orElse(null),
        groups,
        withConnector ? connector(r) : null,
        removedAt);
  }

  private static Connector connector(Resource r) {
    Map<String, Map<String, String>> sites = new TreeMap<>();
    r.connector().siteSettings().forEach((site, s) -> sites.put(site, new TreeMap<>(s)));
    Map<String, String> credentials = new TreeMap<>();
    r.connector().secrets().forEach((name, ref) -> credentials.put(name, ref.toString()));
    Map<String, List<Member>> members = new TreeMap<>();
    r.connector()
        .siteMembers()
        .forEach(
            (site, list) ->
                members.put(
                    site,
                    list.stream()
                        .map(
                            m ->
                                new Member(
                                    m.name(), m.host(), m.port(), new TreeMap<>(m.settings())))
                        .toList()));
    return new Connector(new TreeMap<>(r.connector().settings()), sites, members, credentials);
  }
}
