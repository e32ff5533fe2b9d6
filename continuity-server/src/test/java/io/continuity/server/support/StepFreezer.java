package io.continuity.server.support;

import io.continuity.connector.api.Capabilities;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Test-only, inert unless {@code continuity.test.freeze-dir} is set: in a server process started
 * from the test class path, when the file {@code <freeze-dir>/freeze-at} names a step id, every
 * connector runs that step for real and then, before the engine can record its outcome, writes
 * {@code <freeze-dir>/<step>.reached} and blocks. The test waits for that file and kills the
 * process with SIGKILL: the worst moment of a crash, the step's effect done and its outcome unknown
 * to the store.
 */
@Component
@ConditionalOnProperty("continuity.test.freeze-dir")
public class StepFreezer implements BeanPostProcessor {

  private final Path dir;

  StepFreezer(Environment environment) {
    this.dir = Path.of(environment.getRequiredProperty("continuity.test.freeze-dir"));
  }

  /** Makes the servers using {@code dir} freeze after {@code stepId} (replacing any earlier). */
  public static void freezeAfter(Path dir, String stepId) throws IOException {
    Files.writeString(dir.resolve("freeze-at"), stepId);
  }

  /** No more freezing; forgets the step reached. */
  public static void thaw(Path dir, String stepId) throws IOException {
    Files.deleteIfExists(dir.resolve("freeze-at"));
    Files.deleteIfExists(reachedFile(dir, stepId));
  }

  /** Where a frozen server process says it has reached {@code stepId}. */
  public static Path reachedFile(Path dir, String stepId) {
    return dir.resolve(stepId + ".reached");
  }

  private boolean freezesAfter(String stepId) {
    try {
      Path file = dir.resolve("freeze-at");
      return Files.exists(file) && Files.readString(file).strip().equals(stepId);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof ConnectorFactories factories) {
      return ConnectorFactories.of(
          factories.all().values().stream()
              .map(FreezingFactory::new)
              .toArray(ConnectorFactory[]::new));
    }
    return bean;
  }

  private final class FreezingFactory implements ConnectorFactory {
    private final ConnectorFactory delegate;

    FreezingFactory(ConnectorFactory delegate) {
      this.delegate = delegate;
    }

    @Override
    public Platform platform() {
      return delegate.platform();
    }

    @Override
    public Set<io.continuity.connector.api.Capability> supportedCapabilities() {
      return delegate.supportedCapabilities();
    }

    @Override
    public Connector create(ConnectorConfig config) throws ConnectorException {
      return new FreezingConnector(delegate.create(config));
    }
  }

  private final class FreezingConnector implements Connector {
    private final Connector delegate;

    FreezingConnector(Connector delegate) {
      this.delegate = delegate;
    }

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
      StepResult result = delegate.execute(step, context, timeout);
      if (freezesAfter(step.id())) {
        try {
          Files.writeString(reachedFile(dir, step.id()), result.outcome() + "\n" + result.output());
          Thread.sleep(Long.MAX_VALUE);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return result;
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
