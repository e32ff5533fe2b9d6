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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Test-only, inert unless {@code continuity.test.step-hooks} is set: lets a test do something to
 * the real world (stop a server, cut a network) just before a connector runs a given step, once, so
 * that the real step then fails for a real reason. Everything else goes to the real connector
 * unchanged, the recovery plans included.
 */
@Component
@ConditionalOnProperty("continuity.test.step-hooks")
public class BeforeStepHooks implements BeanPostProcessor {

  private static final Map<String, Runnable> HOOKS = new ConcurrentHashMap<>();

  /** Runs {@code hook} once, just before the next run of step {@code stepId} by any connector. */
  public static void onceBefore(String stepId, Runnable hook) {
    HOOKS.put(stepId, hook);
  }

  /** Forgets every hook not run yet. */
  public static void clear() {
    HOOKS.clear();
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof ConnectorFactories factories) {
      return ConnectorFactories.of(
          factories.all().values().stream()
              .map(HookedFactory::new)
              .toArray(ConnectorFactory[]::new));
    }
    return bean;
  }

  private record HookedFactory(ConnectorFactory delegate) implements ConnectorFactory {
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
      return new HookedConnector(delegate.create(config));
    }
  }

  private record HookedConnector(Connector delegate) implements Connector {
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
      Runnable hook = HOOKS.remove(step.id());
      if (hook != null) {
        hook.run();
      }
      return delegate.execute(step, context, timeout);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
