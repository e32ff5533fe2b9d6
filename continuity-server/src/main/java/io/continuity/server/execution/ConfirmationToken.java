package io.continuity.server.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a confirmation token binds: the request and its version, the site each member resource had
 * as primary, each member's DR marker when the confirmation was presented, and the plan hash. The
 * token ({@link ConfirmationTokens}) carries these claims under an HMAC, so a confirm can say
 * exactly what changed since the operator read the plan.
 */
public record ConfirmationToken(
    String executionId,
    long version,
    Map<String, String> primarySites,
    Map<String, String> drMarkers,
    String planHash) {

  public ConfirmationToken {
    Objects.requireNonNull(executionId, "executionId");
    primarySites = new TreeMap<>(primarySites);
    drMarkers = new TreeMap<>(drMarkers);
    Objects.requireNonNull(planHash, "planHash");
  }

  /**
   * What differs between the claims the operator confirmed and the claims now: the request, its
   * version, a member's primary site (the topology) or the plan. DR markers move on with
   * replication and are bound for the record only.
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
    if (!planHash.equals(now.planHash)) {
      changes.add("the plan changed since it was presented (plan hash differs): read it again");
    }
    return changes;
  }
}
