package io.continuity.server.support;

import io.continuity.connector.api.Capabilities;
import io.continuity.connector.api.Capability;
import io.continuity.connector.api.Connector;
import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.ConnectorFactories;
import io.continuity.connector.api.ConnectorFactory;
import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.OperationRequest;
import io.continuity.connector.api.PlanStep;
import io.continuity.connector.api.Platform;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import java.time.Duration;
import java.util.Set;

/**
 * Test-only: every installed connector with its step runs passed through an {@link Interceptor};
 * everything else (probes, plans, the recovery plans) goes to the real connector unchanged.
 */
final class InterceptedConnectors {

  /** What a test does around a real step run. */
  interface Interceptor {
    StepResult run(PlanStep step, StepRun real) throws ConnectorException;
  }

  /** The real step run. */
  interface StepRun {
    StepResult run() throws ConnectorException;
  }

  private InterceptedConnectors() {}

  static ConnectorFactories wrap(ConnectorFactories factories, Interceptor interceptor) {
    return ConnectorFactories.of(
        factories.all().values().stream()
            .map(f -> new Factory(f, interceptor))
            .toArray(ConnectorFactory[]::new));
  }

  private record Factory(ConnectorFactory delegate, Interceptor interceptor)
      implements ConnectorFactory {
    @Override
    public Platform platform() {
      return delegate.platform();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
      return delegate.supportedCapabilities();
    }

    @Override
    public Connector create(ConnectorConfig config) throws ConnectorException {
      return new Intercepted(delegate.create(config), interceptor);
    }
  }

  private record Intercepted(Connector delegate, Interceptor interceptor) implements Connector {
    @Override
    public Capabilities capabilities() {
      return delegate.capabilities();
    }

    @Override
    public ProbeResult probe(Duration timeout) throws ConnectorException {
      return delegate.probe(timeout);
    }

    @Override
    public OperationPlan plan(OperationRequest request) throws ConnectorException {
      return delegate.plan(request);
    }

    @Override
    public OperationPlan planResumePrimary(String site) throws ConnectorException {
      return delegate.planResumePrimary(site);
    }

    @Override
    public OperationPlan planContinuation(OperationRequest request) throws ConnectorException {
      return delegate.planContinuation(request);
    }

    @Override
    public StepResult execute(PlanStep step, StepContext context, Duration timeout)
        throws ConnectorException {
      return interceptor.run(step, () -> delegate.execute(step, context, timeout));
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
