package io.continuity.server.execution;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a confirmation token binds: the request and its version, the site each member resource had
 * as primary, each member's DR marker (and its position) when the confirmation was presented, and
 * the plan hash. The token ({@link ConfirmationTokens}) carries these claims under an HMAC, so a
 * confirm can say exactly what changed since the operator read the plan.
 *
 * @param drPositions per member, the DR marker's position as a decimal number (absent when the
 *     marker was unavailable)
 */
public record ConfirmationToken(
    String executionId,
    long version,
    Map<String, String> primarySites,
    Map<String, String> drMarkers,
    Map<String, String> drPositions,
    String planHash) {

  /** The plan hash claimed when no plan could be made. */
  public static final String NO_PLAN = "none";

  public ConfirmationToken {
    Objects.requireNonNull(executionId, "executionId");
    primarySites = new TreeMap<>(primarySites);
    drMarkers = new TreeMap<>(drMarkers);
    drPositions = drPositions == null ? Map.of() : new TreeMap<>(drPositions);
    Objects.requireNonNull(planHash, "planHash");
  }

  /**
   * What differs between the claims the operator confirmed and the claims now: the request, its
   * version, a member's primary site (the topology), a DR marker that went backwards (the DR side
   * was rebuilt, restored or replaced) or the plan. A DR marker moving forwards is replication
   * doing its job and is not a change.
   */
  public List<String> changesTo(ConfirmationToken now) {
    List<String> changes = new ArrayList<>();
    if (!executionId.equals(now.executionId)) {
      changes.add("the token is for execution " + executionId + ", not " + now.executionId);
      return changes;
    }
    if (version != now.version) {
      changes.add(
          "the request changed since the confirmation was presented (version "
              + version
              + " -> "
              + now.version
              + ")");
    }
    for (Map.Entry<String, String> entry : now.primarySites.entrySet()) {
      String before = primarySites.get(entry.getKey());
      if (!entry.getValue().equals(before)) {
        changes.add(
            "topology changed: the primary of "
                + entry.getKey()
                + " was "
                + before
                + " and is now "
                + entry.getValue());
      }
    }
    if (!primarySites.keySet().equals(now.primarySites.keySet())) {
      changes.add("members changed: " + primarySites.keySet() + " -> " + now.primarySites.keySet());
    }
    now.drPositions.forEach(
        (member, position) -> wentBackwards(member, now).ifPresent(changes::add));
    if (!planHash.equals(now.planHash)) {
      changes.add("the plan changed (its hash differs)");
    }
    return changes;
  }

  /**
   * What differs between these claims, seen by an approver, and the claims now. The request's
   * version is left out (it moves on after the approval: the presentation is a transition), and so
   * is the plan when either side could not make one.
   */
  public List<String> changesSinceApproval(ConfirmationToken now) {
    boolean bothPlanned = !planHash.equals(NO_PLAN) && !now.planHash.equals(NO_PLAN);
    ConfirmationToken approved =
        new ConfirmationToken(
            executionId,
            now.version,
            primarySites,
            drMarkers,
            drPositions,
            bothPlanned ? planHash : now.planHash);
    return approved.changesTo(now);
  }

  private Optional<String> wentBackwards(String member, ConfirmationToken now) {
    String before = drPositions.get(member);
    String after = now.drPositions.get(member);
    if (before == null
        || after == null
        || !markerKind(drMarkers.get(member)).equals(markerKind(now.drMarkers.get(member)))
        || new BigInteger(after).compareTo(new BigInteger(before)) >= 0) {
      return Optional.empty();
    }
    return Optional.of(
        "the DR marker of "
            + member
            + " went backwards ("
            + drMarkers.get(member)
            + " -> "
            + now.drMarkers.get(member)
            + "): the DR side was rebuilt, restored or replaced; find out why and read the plan"
            + " again");
  }

  /** The kind of a marker spelt {@code KIND value} ("none" when unavailable). */
  private static String markerKind(String marker) {
    if (marker == null) {
      return "none";
    }
    int space = marker.indexOf(' ');
    return space < 0 ? marker : marker.substring(0, space);
  }
}
