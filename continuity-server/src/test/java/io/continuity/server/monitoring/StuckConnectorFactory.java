package io.continuity.server.monitoring;

import io.continuity.connector.api.Capabilities;
import io.continuity.connector.api.Capability;
import io.continuity.connector.api.Connector;
import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorException;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Platform STUCK: probes never return until {@link #release()}, ignore their timeout and swallow
 * interrupts — the worst a connector can do. Counts how many probes are inside at once.
 */
final class StuckConnectorFactory implements ConnectorFactory {

  static final Platform STUCK = new Platform("STUCK");

  final CountDownLatch released = new CountDownLatch(1);
  final AtomicInteger inside = new AtomicInteger();
  final AtomicInteger mostInside = new AtomicInteger();
  final AtomicInteger entered = new AtomicInteger();

  void release() {
    released.countDown();
  }

  @Override
  public Platform platform() {
    return STUCK;
  }

  @Override
  public Set<Capability> supportedCapabilities() {
    return Set.of(Capability.MONITOR);
  }

  @Override
  public Connector create(ConnectorConfig config) {
    return new Connector() {
      @Override
      public Capabilities capabilities() {
        throw new UnsupportedOperationException();
      }

      @Override
      public ProbeResult probe(Duration timeout) throws ConnectorException {
        entered.incrementAndGet();
        mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
        try {
          while (true) {
            try {
              released.await();
              throw ConnectorException.retriable("released by the test");
            } catch (InterruptedException ignored) {
              // a badly behaved driver: keeps waiting
            }
          }
        } finally {
          inside.decrementAndGet();
        }
      }

      @Override
      public OperationPlan plan(OperationRequest request) {
        throw new UnsupportedOperationException();
      }

      @Override
      public StepResult execute(PlanStep step, StepContext context, Duration timeout) {
        throw new UnsupportedOperationException();
      }
    };
  }
}
