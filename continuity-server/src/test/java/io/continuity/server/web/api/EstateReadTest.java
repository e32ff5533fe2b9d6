package io.continuity.server.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Platform;
import io.continuity.connector.api.SiteRole;
import io.continuity.core.inventory.ConnectorRef;
import io.continuity.core.inventory.Resource;
import io.continuity.core.inventory.RpoPolicy;
import io.continuity.core.inventory.Site;
import io.continuity.core.inventory.Tier;
import io.continuity.core.status.EvidenceSource;
import io.continuity.core.status.Freshness;
import io.continuity.core.status.Reason;
import io.continuity.core.status.ReasonCode;
import io.continuity.core.status.Status;
import io.continuity.core.status.StatusOutcome;
import io.continuity.core.status.Visibility;
import io.continuity.server.monitoring.ResourceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The estate query the status API and the console share: worst first, filters, search by id, name,
 * owner and site, pages, counts, and a tag that changes with readiness but not with evidence ages.
 */
class EstateReadTest {

  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

  static ResourceStatus status(String id, int tier, String owner, String dr, StatusOutcome o) {
    Resource r =
        new Resource(
            id,
            "Name of " + id,
            Platform.SIMULATED,
            Tier.of(tier),
            "prod",
            owner,
            new Site("east", SiteRole.PRIMARY, Map.of()),
            new Site(dr, SiteRole.DR, Map.of()),
            new ConnectorRef(Map.of(), Map.of(), Map.of()),
            RpoPolicy.of(Duration.ofMinutes(2)),
            Optional.empty());
    return new ResourceStatus(r, o, OptionalLong.empty(), Optional.empty());
  }

  static StatusOutcome visible(String id, Status status, ReasonCode code, Instant observedAt) {
    return new StatusOutcome(
        id,
        status,
        List.of(
            new Reason(
                code, status, code.name() + " at " + observedAt, EvidenceSource.values()[0])),
        Freshness.of(observedAt, NOW, Duration.ofMinutes(1)),
        Visibility.OK,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        NOW);
  }

  static StatusOutcome lost(String id) {
    return new StatusOutcome(
        id,
        Status.YELLOW,
        List.of(
            Reason.of(
                ReasonCode.VISIBILITY_LOST, Status.YELLOW, EvidenceSource.values()[0], "timeout")),
        Freshness.missing(),
        Visibility.LOST,
        Optional.of(Status.GREEN),
        Optional.of(NOW.minusSeconds(90)),
        Optional.of(NOW.minusSeconds(60)),
        NOW);
  }

  static StatusOutcome green(String id) {
    return visible(id, Status.GREEN, ReasonCode.REPLICATION_HEALTHY, NOW.minusSeconds(5));
  }

  private static EstateRead estate(ResourceStatus... resources) {
    return new EstateRead(List.of(resources), List.of(), Map.of(), NOW);
  }

  private static StatusCriteria criteria(String status, String q, int page, int size) {
    return new StatusCriteria(status, "", "", "", q, page, size);
  }

  @Test
  void notGreenComesWorstFirstRedThenLostVisibilityThenYellowThenGreen() {
    EstateRead read =
        estate(
            status("g1", 2, "a@x", "west", green("g1")),
            status("y1", 2, "a@x", "west", visible("y1", Status.YELLOW, ReasonCode.LAG_WARN, NOW)),
            status("l1", 2, "a@x", "west", lost("l1")),
            status("r1", 2, "a@x", "west", visible("r1", Status.RED, ReasonCode.RPO_BREACH, NOW)),
            status("g2", 2, "a@x", "west", green("g2")));

    assertThat(read.matching(criteria("", "", 1, 50)))
        .extracting(s -> s.resource().id())
        .containsExactly("r1", "l1", "y1", "g1", "g2");
    assertThat(read.matching(criteria("LOST", "", 1, 50)))
        .extracting(s -> s.resource().id())
        .containsExactly("l1");
    assertThat(read.counts().byStatus())
        .containsExactly(
            Map.entry("RED", 1),
            Map.entry("LOST", 1),
            Map.entry("YELLOW", 1),
            Map.entry("GREEN", 2));
  }

  @Test
  void searchMatchesIdNameOwnerAndSiteIgnoringCase() {
    EstateRead read =
        estate(
            status("orders-db", 1, "payments@x", "west", green("orders-db")),
            status("billing-db", 2, "finance@x", "frankfurt", green("billing-db")));

    assertThat(ids(read.matching(criteria("", "ORDERS", 1, 50)))).containsExactly("orders-db");
    assertThat(ids(read.matching(criteria("", "name of billing", 1, 50))))
        .containsExactly("billing-db");
    assertThat(ids(read.matching(criteria("", "finance", 1, 50)))).containsExactly("billing-db");
    assertThat(ids(read.matching(criteria("", "frankfurt", 1, 50)))).containsExactly("billing-db");
    assertThat(ids(read.matching(criteria("", "east", 1, 50))))
        .containsExactly("orders-db", "billing-db");
    assertThat(read.matching(new StatusCriteria("", "1", "", "", "", 1, 50)))
        .extracting(s -> s.resource().id())
        .containsExactly("orders-db");
  }

  @Test
  void pagesSliceTheMatchingListAndAPageAfterTheLastIsEmpty() {
    List<ResourceStatus> all = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      all.add(status("r" + i, 2, "a@x", "west", green("r" + i)));
    }
    EstateRead read = new EstateRead(all, List.of(), Map.of(), NOW);
    List<ResourceStatus> matching = read.matching(criteria("", "", 1, 3));

    assertThat(ids(read.page(matching, criteria("", "", 1, 3)))).containsExactly("r0", "r1", "r2");
    assertThat(ids(read.page(matching, criteria("", "", 3, 3)))).containsExactly("r6");
    assertThat(read.page(matching, criteria("", "", 4, 3))).isEmpty();
  }

  @Test
  void theTagChangesWhenReadinessChangesButNotWhenOnlyEvidenceAgesOrLagFiguresDo() {
    ResourceStatus before = status("a", 2, "a@x", "west", green("a"));
    ResourceStatus newerEvidence =
        status(
            "a",
            2,
            "a@x",
            "west",
            visible("a", Status.GREEN, ReasonCode.REPLICATION_HEALTHY, NOW.minusSeconds(1)));
    ResourceStatus lostNow = status("a", 2, "a@x", "west", lost("a"));

    String tag = estate(before).etag("v", List.of(before), List.of());

    assertThat(estate(newerEvidence).etag("v", List.of(newerEvidence), List.of())).isEqualTo(tag);
    assertThat(estate(lostNow).etag("v", List.of(lostNow), List.of())).isNotEqualTo(tag);
    assertThat(estate(before).etag("other view", List.of(before), List.of())).isNotEqualTo(tag);
    assertThat(tag).startsWith("W/\"");
  }

  private static List<String> ids(List<ResourceStatus> statuses) {
    return statuses.stream().map(s -> s.resource().id()).toList();
  }
}
