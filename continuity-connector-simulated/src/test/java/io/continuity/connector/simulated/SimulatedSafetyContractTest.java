package io.continuity.connector.simulated;

import io.continuity.connector.api.Connector;
import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorFactory;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.testkit.OperationSafetyContract;
import io.continuity.connector.testkit.SafetyLab;
import java.time.Duration;

/**
 * The simulated platform keeps the operation safety promises the real connectors keep. Its "writes"
 * are the simulated write stream: acknowledged writes are the bytes the primary wrote while it took
 * writes, visible on a site up to what that site holds.
 */
class SimulatedSafetyContractTest extends OperationSafetyContract {

  @Override
  protected ConnectorFactory factory() {
    return new SimulatedConnectorFactory();
  }

  @Override
  protected SafetyLab newLab() {
    return new SimulatedLab(Fixtures.newResourceId());
  }

  /** A simulated two-site resource whose primary site can be lost (unreachableSites=primary). */
  static final class SimulatedLab implements SafetyLab {

    private final String resourceId;
    private final ConnectorConfig config;
    private long acknowledged;

    SimulatedLab(String resourceId) {
      this.resourceId = resourceId;
      this.config =
          Fixtures.config(
              resourceId,
              "scenario",
              "steady",
              "lagSeconds",
              "0s",
              "unreachableSites",
              "primary",
              "writeRateBytesPerSecond",
              "100000");
      try (Connector attach = new SimulatedConnectorFactory().create(config)) {
        attach.capabilities();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public ConnectorConfig config() {
      return config;
    }

    @Override
    public String primarySite() {
      return Fixtures.PRIMARY;
    }

    @Override
    public String drSite() {
      return Fixtures.DR;
    }

    @Override
    public long write(int count) throws Exception {
      ProbeResult now = probe();
      String primary = now.primarySite().orElse(null);
      if (primary != null && takesWrites(primary, now)) {
        acknowledged = now.primaryMarker().orElseThrow().position().longValueExact();
      }
      return acknowledged;
    }

    @Override
    public long writesVisibleOn(String site) throws Exception {
      ProbeResult now = probe();
      if (now.primarySite().filter(site::equals).isPresent()) {
        return now.primaryMarker().orElseThrow().position().longValueExact();
      }
      return now.drMarker().map(m -> m.position().longValueExact()).orElse(0L);
    }

    @Override
    public boolean takesWrites(String site) throws Exception {
      return takesWrites(site, probe());
    }

    private boolean takesWrites(String site, ProbeResult probe) {
      var raw = probe.payload().asMap();
      return probe.primarySite().filter(site::equals).isPresent()
          && !site.equals(raw.get("fencedSite"))
          && !Boolean.TRUE.equals(raw.get("quiesced"));
    }

    @Override
    public void pauseReplication() {
      SimulatedPlatform.setScenario(resourceId, Scenario.BROKEN);
    }

    @Override
    public void resumeReplication() {
      SimulatedPlatform.setScenario(resourceId, Scenario.STEADY);
    }

    @Override
    public void loseSite(String site) {
      SimulatedPlatform.setScenario(resourceId, Scenario.UNREACHABLE);
    }

    @Override
    public void close() {
      SimulatedPlatform.forget(resourceId);
    }

    private ProbeResult probe() throws Exception {
      try (Connector connector = new SimulatedConnectorFactory().create(config)) {
        return connector.probe(Duration.ofSeconds(2));
      }
    }
  }
}
