package io.continuity.connector.simulated;

import io.continuity.connector.api.Connectivity;
import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.MemberEndpoint;
import io.continuity.connector.api.MemberObservation;
import io.continuity.connector.api.MemberRole;
import io.continuity.connector.api.ReplicationMarker;
import io.continuity.connector.api.SiteEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The members a simulated resource reports, from the inventory's {@code
 * connector.sites.<site>.members} (a site without members is one member named after it): in the
 * primary site the first electable member is PRIMARY, every other member is SECONDARY, or ARBITER /
 * HIDDEN when its member settings say {@code arbiter: "true"} / {@code hidden: "true"}; the members
 * of an unreachable site are UNKNOWN. So the engine, console and API meet multi-member topologies
 * (a replica set with two members in one site and one in the other) before a real one exists.
 */
final class SimulatedMembers {

  private final Map<String, List<MemberEndpoint>> bySite;

  private SimulatedMembers(Map<String, List<MemberEndpoint>> bySite) {
    this.bySite = bySite;
  }

  static SimulatedMembers of(ConnectorConfig config) {
    Map<String, List<MemberEndpoint>> bySite = new LinkedHashMap<>();
    for (SiteEndpoint site : config.sites()) {
      bySite.put(
          site.name(),
          site.members().isEmpty()
              ? List.of(new MemberEndpoint(site.name(), "simulated", 0, Map.of()))
              : site.members());
    }
    return new SimulatedMembers(bySite);
  }

  List<MemberObservation> observe(
      String primarySite,
      Set<String> down,
      Optional<ReplicationMarker> primaryMarker,
      Optional<ReplicationMarker> appliedMarker) {
    List<MemberObservation> members = new ArrayList<>();
    for (Map.Entry<String, List<MemberEndpoint>> site : bySite.entrySet()) {
      boolean primaryFound = false;
      for (MemberEndpoint member : site.getValue()) {
        if (down.contains(site.getKey())) {
          members.add(
              MemberObservation.unreachable(
                  site.getKey(), member.name(), Connectivity.UNREACHABLE, "site unreachable"));
          continue;
        }
        MemberRole role;
        if (flag(member, "arbiter")) {
          role = MemberRole.ARBITER;
        } else if (flag(member, "hidden")) {
          role = MemberRole.HIDDEN;
        } else if (site.getKey().equals(primarySite) && !primaryFound) {
          role = MemberRole.PRIMARY;
          primaryFound = true;
        } else {
          role = MemberRole.SECONDARY;
        }
        Optional<ReplicationMarker> marker =
            role == MemberRole.ARBITER
                ? Optional.empty()
                : role == MemberRole.PRIMARY ? primaryMarker : appliedMarker;
        members.add(
            new MemberObservation(
                site.getKey(), member.name(), role, Connectivity.REACHABLE, marker, ""));
      }
    }
    return members;
  }

  private static boolean flag(MemberEndpoint member, String key) {
    return "true".equalsIgnoreCase(member.setting(key, "false"));
  }
}
