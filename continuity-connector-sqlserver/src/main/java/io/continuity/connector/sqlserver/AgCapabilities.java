package io.continuity.connector.sqlserver;

import io.continuity.connector.api.Capabilities;
import io.continuity.connector.api.Capability;
import io.continuity.connector.api.CapabilityStatus;
import java.util.ArrayList;
import java.util.List;

/** What one configuration can do, each refusal with its reason. */
final class AgCapabilities {

  private AgCapabilities() {}

  static Capabilities of(AgSettings settings) {
    List<CapabilityStatus> list = new ArrayList<>();
    list.add(CapabilityStatus.available(Capability.MONITOR));
    list.add(CapabilityStatus.available(Capability.REPLICATION_MARKER));
    list.add(
        CapabilityStatus.unavailable(
            Capability.HEARTBEAT,
            "not implemented: time lag comes from the databases' last_commit_time"));
    list.add(
        CapabilityStatus.unavailable(
            Capability.REJOIN,
            "the failback resumes the old primary's databases itself (resync-target)"));
    String roleChange = roleChangeRefusal(settings);
    if (roleChange != null) {
      for (Capability c :
          List.of(
              Capability.SWITCHOVER,
              Capability.FAILOVER,
              Capability.FAILBACK,
              Capability.DRILL,
              Capability.FENCE)) {
        list.add(CapabilityStatus.unavailable(c, roleChange));
      }
      return Capabilities.of(list);
    }
    list.add(CapabilityStatus.available(Capability.SWITCHOVER));
    list.add(CapabilityStatus.available(Capability.FAILBACK));
    list.add(CapabilityStatus.available(Capability.DRILL));
    boolean fence = settings.configuredPrimary().settings().containsKey("action.fence");
    String noFence =
        "no fence host action for the primary site "
            + settings.configuredPrimary().name()
            + ": set its 'action.fence' so a forced failover can keep clients off the old"
            + " primary (split-brain risk, forced-failover doc)";
    list.add(
        fence
            ? CapabilityStatus.available(Capability.FAILOVER)
            : CapabilityStatus.unavailable(Capability.FAILOVER, noFence));
    list.add(
        fence
            ? CapabilityStatus.available(Capability.FENCE)
            : CapabilityStatus.unavailable(Capability.FENCE, noFence));
    return Capabilities.of(list);
  }

  private static String roleChangeRefusal(AgSettings settings) {
    if (settings.distributed()) {
      return "distributed availability group: monitor only (its failover runs on the global"
          + " primary and the forwarder with SET (ROLE = SECONDARY); not implemented)";
    }
    return switch (settings.clusterType()) {
      case WSFC -> null;
      case EXTERNAL ->
          "CLUSTER_TYPE = EXTERNAL: the cluster manager (Pacemaker) owns failover; T-SQL FAILOVER"
              + " is not allowed there and this connector does not drive Pacemaker";
      case NONE ->
          "CLUSTER_TYPE = NONE (read-scale): failover is the manual recipe SET (ROLE = SECONDARY)"
              + " then FORCE_FAILOVER_ALLOW_DATA_LOSS, not implemented";
    };
  }
}
