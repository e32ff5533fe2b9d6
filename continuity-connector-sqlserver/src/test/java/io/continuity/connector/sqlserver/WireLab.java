package io.continuity.connector.sqlserver;

import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.MemberEndpoint;
import io.continuity.connector.api.SiteEndpoint;
import io.continuity.connector.testkit.SafetyLab;
import io.continuity.lab.sqlserver.AgSimulator;
import io.continuity.lab.sqlserver.TdsResponder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link AgLab}'s availability group behind one {@link TdsResponder} per replica, configured for
 * the production factory (Microsoft's mssql-jdbc, {@code encrypt=false}).
 */
final class WireLab implements SafetyLab {

  final AgLab lab;
  private final List<TdsResponder> responders = new ArrayList<>();
  private final Map<String, Integer> ports = new HashMap<>();

  WireLab() throws Exception {
    lab = new AgLab().with("encrypt", "false");
    for (AgSimulator.Replica r : lab.sim.replicas.values()) {
      TdsResponder responder = TdsResponder.forReplica(lab.sim, r, AgLab.PASSWORD);
      responders.add(responder);
      ports.put(r.member, responder.port());
    }
  }

  int port(String member) {
    return ports.get(member);
  }

  @Override
  public ConnectorConfig config() {
    return config(AgLab.PASSWORD);
  }

  /** The lab's configuration aimed at the responders. */
  ConnectorConfig config(String password) {
    ConnectorConfig base = lab.config(password);
    List<SiteEndpoint> sites =
        base.sites().stream()
            .map(
                s ->
                    new SiteEndpoint(
                        s.name(),
                        s.role(),
                        s.settings(),
                        s.members().stream()
                            .map(
                                m ->
                                    new MemberEndpoint(
                                        m.name(), "127.0.0.1", ports.get(m.name()), Map.of()))
                            .toList()))
            .toList();
    return new ConnectorConfig(
        base.resourceId(),
        base.platform(),
        sites,
        base.settings(),
        base.secrets(),
        base.secretResolver());
  }

  @Override
  public String primarySite() {
    return lab.primarySite();
  }

  @Override
  public String drSite() {
    return lab.drSite();
  }

  @Override
  public long write(int count) {
    return lab.write(count);
  }

  @Override
  public long writesVisibleOn(String site) {
    return lab.writesVisibleOn(site);
  }

  @Override
  public boolean takesWrites(String site) {
    return lab.takesWrites(site);
  }

  @Override
  public void pauseReplication() {
    lab.pauseReplication();
  }

  @Override
  public void resumeReplication() {
    lab.resumeReplication();
  }

  @Override
  public void loseSite(String site) {
    lab.loseSite(site);
  }

  @Override
  public void close() throws Exception {
    for (TdsResponder r : responders) {
      r.close();
    }
    lab.close();
  }
}
