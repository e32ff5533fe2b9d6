package io.continuity.connector.postgresql;

import io.continuity.connector.api.Capabilities;
import io.continuity.connector.api.Capability;
import io.continuity.connector.api.CapabilityStatus;
import java.util.ArrayList;
import java.util.List;

/** What one configuration can do: the design's "Maybe" cells decided by the configured actions. */
final class PostgresCapabilities {

  private PostgresCapabilities() {}

  static Capabilities of(PostgresSettings settings) {
    SiteSettings primary = settings.configuredPrimary();
    List<CapabilityStatus> list = new ArrayList<>();
    list.add(CapabilityStatus.available(Capability.MONITOR));
    list.add(CapabilityStatus.available(Capability.REPLICATION_MARKER));
    list.add(
        settings.heartbeatTable().isPresent()
            ? CapabilityStatus.available(Capability.HEARTBEAT)
            : CapabilityStatus.unavailable(
                Capability.HEARTBEAT, "no 'heartbeatTable' setting: create the table and name it"));
    list.add(CapabilityStatus.available(Capability.SWITCHOVER));
    list.add(CapabilityStatus.available(Capability.DRILL));
    String noFence =
        "no fence host action for the primary site "
            + primary.name()
            + ": set its 'action.fence' so a failover can make the old primary refuse writes";
    boolean fence = primary.hasAction("fence");
    list.add(
        fence
            ? CapabilityStatus.available(Capability.FAILOVER)
            : CapabilityStatus.unavailable(Capability.FAILOVER, noFence));
    list.add(
        fence
            ? CapabilityStatus.available(Capability.FENCE)
            : CapabilityStatus.unavailable(Capability.FENCE, noFence));
    boolean rewind = primary.hasAction("rewind") || primary.hasAction("rejoin");
    list.add(
        rewind
            ? CapabilityStatus.available(Capability.FAILBACK)
            : CapabilityStatus.unavailable(
                Capability.FAILBACK,
                "no 'action.rewind' or 'action.rejoin' for the primary site "
                    + primary.name()
                    + ": a failback must first resynchronise it"));
    list.add(
        primary.hasAction("rejoin")
            ? CapabilityStatus.available(Capability.REJOIN)
            : CapabilityStatus.unavailable(
                Capability.REJOIN, "no 'action.rejoin' for the primary site " + primary.name()));
    return Capabilities.of(list);
  }
}
