package io.continuity.server.web.api;

import io.continuity.core.inventory.Resource;
import io.continuity.core.inventory.Site;
import io.continuity.core.status.Reason;
import io.continuity.core.status.StatusOutcome;
import io.continuity.server.execution.ExecutionDoubt;
import io.continuity.server.monitoring.GroupStatus;
import io.continuity.server.monitoring.ResourceStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One consistent read of the estate's status, every outcome judged at read time by monitoring's
 * {@code ReadTimeJudge} (so stale evidence is never GREEN here): what the status API and the
 * console's dashboard and lists filter, search, count and page, so both show the same answer.
 *
 * <p>A read is shared by every request within its lifetime ({@code StatusQuery} reuses it for up to
 * a second), so the worst-first order is worked out once per read, not once per request: a page of
 * the unfiltered estate is then a sublist, and a filtered one a pass over that order.
 */
public final class EstateRead {

  private final List<ResourceStatus> resources;
  private final List<GroupStatus> groups;
  private final Map<String, ExecutionDoubt> doubts;
  private final Instant now;
  private volatile List<ResourceStatus> worstFirst;
  private volatile String estateEtag;

  /**
   * @param resources in inventory order
   * @param doubts unacknowledged execution doubts by resource id
   */
  public EstateRead(
      List<ResourceStatus> resources,
      List<GroupStatus> groups,
      Map<String, ExecutionDoubt> doubts,
      Instant now) {
    this.resources = resources;
    this.groups = groups;
    this.doubts = doubts;
    this.now = now;
  }

  /** Every resource's status, in inventory order. */
  public List<ResourceStatus> resources() {
    return resources;
  }

  public List<GroupStatus> groups() {
    return groups;
  }

  /** Unacknowledged execution doubts by resource id. */
  public Map<String, ExecutionDoubt> doubts() {
    return doubts;
  }

  /** The instant every outcome of this read was judged at. */
  public Instant now() {
    return now;
  }

  /** Worst first: RED, lost visibility, YELLOW, GREEN; inventory order within one status. */
  public static final Comparator<ResourceStatus> WORST_FIRST =
      Comparator.comparingInt(s -> StatusCriteria.STATUSES.indexOf(statusKey(s.outcome())));

  /** {@code LOST} while visibility is lost (whatever the last status), the status otherwise. */
  public static String statusKey(StatusOutcome outcome) {
    return outcome.isVisible() ? outcome.status().name() : "LOST";
  }

  /** The resources that match the criteria's filters and search, worst first (every page). */
  public List<ResourceStatus> matching(StatusCriteria criteria) {
    if (criteria.unfiltered()) {
      return worstFirst();
    }
    String text = criteria.query().toLowerCase(Locale.ROOT);
    return worstFirst().stream()
        .filter(s -> accepts(criteria, s.resource(), statusKey(s.outcome())))
        .filter(s -> text.isEmpty() || mentions(s.resource(), text))
        .toList();
  }

  /** Every resource, worst first (a stable sort: inventory order within one status), once. */
  private List<ResourceStatus> worstFirst() {
    List<ResourceStatus> sorted = worstFirst;
    if (sorted == null) {
      sorted = resources.stream().sorted(WORST_FIRST).toList();
      worstFirst = sorted;
    }
    return sorted;
  }

  /** The criteria's page of {@code matching}. */
  public List<ResourceStatus> page(List<ResourceStatus> matching, StatusCriteria criteria) {
    long from = (long) (criteria.page() - 1) * criteria.size();
    if (from >= matching.size()) {
      return List.of();
    }
    return matching.subList((int) from, (int) Math.min(matching.size(), from + criteria.size()));
  }

  /** The groups whose status and tier match (platform, environment and search do not apply). */
  public List<GroupStatus> groupsMatching(StatusCriteria criteria) {
    return groups.stream()
        .filter(
            g ->
                (criteria.status().isEmpty() || criteria.status().equals(statusKey(g.outcome())))
                    && (criteria.tier().isEmpty()
                        || criteria.tier().equals(String.valueOf(g.group().tier().number()))))
        .toList();
  }

  public Optional<ExecutionDoubt> doubtOf(String resourceId) {
    return Optional.ofNullable(doubts.get(resourceId));
  }

  /** Counts by status (worst first), tier, platform and environment. */
  public EstateCounts counts() {
    Map<String, Integer> byStatus = new LinkedHashMap<>();
    StatusCriteria.STATUSES.forEach(s -> byStatus.put(s, 0));
    Map<String, Integer> byTier = new TreeMap<>();
    Map<String, Integer> byPlatform = new TreeMap<>();
    Map<String, Integer> byEnvironment = new TreeMap<>();
    for (ResourceStatus s : resources) {
      Resource r = s.resource();
      byStatus.merge(statusKey(s.outcome()), 1, Integer::sum);
      byTier.merge(String.valueOf(r.tier().number()), 1, Integer::sum);
      byPlatform.merge(r.platform().name(), 1, Integer::sum);
      byEnvironment.merge(r.environment(), 1, Integer::sum);
    }
    return new EstateCounts(resources.size(), byStatus, byTier, byPlatform, byEnvironment);
  }

  /**
   * A weak entity tag over what these resources and groups say: status, visibility, last known
   * status, reason codes and execution doubts, not evidence ages or lag figures, which change on
   * every probe. Equal tags: the same readiness answer, so a poller that has it gets a 304.
   */
  public String etag(String view, List<ResourceStatus> shown, List<GroupStatus> shownGroups) {
    MessageDigest digest = sha256();
    update(digest, view);
    for (ResourceStatus s : shown) {
      update(digest, s.resource().id());
      outcome(digest, s.outcome());
      update(digest, doubtOf(s.resource().id()).map(ExecutionDoubt::summary).orElse(""));
    }
    for (GroupStatus g : shownGroups) {
      update(digest, g.group().id());
      outcome(digest, g.outcome());
    }
    return "W/\"" + HexFormat.of().formatHex(digest.digest(), 0, 12) + "\"";
  }

  /** The tag of the whole estate (every resource and group), worked out once per read. */
  public String estateEtag() {
    String tag = estateEtag;
    if (tag == null) {
      tag = etag("all", resources, groups);
      estateEtag = tag;
    }
    return tag;
  }

  /**
   * What one resource says, in the terms of {@link #etag} (status, visibility, last known status,
   * reason codes, execution doubt): equal fingerprints, the same tile apart from ages and lag.
   */
  public String fingerprint(ResourceStatus s) {
    return fingerprint(s.outcome())
        + "|"
        + doubtOf(s.resource().id()).map(ExecutionDoubt::summary).orElse("");
  }

  /** What one group says, in the terms of {@link #etag}. */
  public static String fingerprint(GroupStatus g) {
    return fingerprint(g.outcome());
  }

  private static String fingerprint(StatusOutcome outcome) {
    StringBuilder f =
        new StringBuilder(statusKey(outcome))
            .append('|')
            .append(outcome.status().name())
            .append('|')
            .append(outcome.lastKnownStatus().map(Enum::name).orElse("-"));
    for (Reason reason : outcome.reasons()) {
      f.append('|').append(reason.code().name());
    }
    return f.toString();
  }

  private static void outcome(MessageDigest digest, StatusOutcome outcome) {
    update(digest, statusKey(outcome));
    update(digest, outcome.status().name());
    update(digest, outcome.lastKnownStatus().map(Enum::name).orElse("-"));
    for (Reason reason : outcome.reasons()) {
      update(digest, reason.code().name());
    }
  }

  private static void update(MessageDigest digest, String text) {
    digest.update(text.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static boolean accepts(StatusCriteria c, Resource r, String status) {
    return (c.status().isEmpty() || c.status().equals(status))
        && (c.tier().isEmpty() || c.tier().equals(String.valueOf(r.tier().number())))
        && (c.platform().isEmpty() || c.platform().equalsIgnoreCase(r.platform().name()))
        && (c.environment().isEmpty() || c.environment().equalsIgnoreCase(r.environment()));
  }

  private static boolean mentions(Resource r, String text) {
    return contains(r.id(), text)
        || contains(r.name(), text)
        || contains(r.owner(), text)
        || site(r.primarySite(), text)
        || site(r.drSite(), text);
  }

  private static boolean site(Site site, String text) {
    return contains(site.name(), text);
  }

  private static boolean contains(String value, String text) {
    return value.toLowerCase(Locale.ROOT).contains(text);
  }
}
