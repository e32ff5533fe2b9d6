package io.continuity.server.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.connector.api.Capabilities;
import io.continuity.connector.api.Connector;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.OperationRequest;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.PlanStep;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepKind;
import io.continuity.connector.api.StepResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A clean server stop interrupts the runner's threads and then the steps': a step whose call fails
 * in that moment may have failed because of the stop, so it gets no outcome (the runner stops and
 * the step stays STARTED for recovery), while a step that succeeded is still reported as such. The
 * step pool here runs each call on the caller's own thread, so the stop's interrupt lands exactly
 * between the call's end and the runner reading it, the race a real stop can hit.
 */
class StepInvokerStopTest {

  static final PlanStep STEP =
      new PlanStep("promote-target", "Promote", StepKind.ACTION, "", Duration.ofSeconds(5), false);
  static final StepContext CONTEXT =
      new StepContext(
          "EX-1", new OperationPlan(OperationType.SWITCHOVER, "west", List.of(STEP)), Map.of());

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void aFailureThatCameWithTheStopIsLeftForRecovery() {
    StepInvoker invoker = new StepInvoker(new CallerRuns());
    Connector interruptedMidCall =
        new OneStep(
            () -> {
              Thread.currentThread().interrupt(); // the stop reaches the runner as the call ends
              throw ConnectorException.retriable("promote interrupted", null);
            });

    assertThatThrownBy(() -> invoker.invoke(interruptedMidCall, STEP, CONTEXT))
        .isInstanceOf(InterruptedException.class)
        .hasMessageContaining("promote-target is left for recovery");
  }

  @Test
  void aSuccessThatCameWithTheStopIsStillReported() throws InterruptedException {
    StepInvoker invoker = new StepInvoker(new CallerRuns());
    Connector succeededAsTheStopCame =
        new OneStep(
            () -> {
              Thread.currentThread().interrupt();
              return StepResult.succeeded("promoted west");
            });

    StepInvoker.Outcome outcome = invoker.invoke(succeededAsTheStopCame, STEP, CONTEXT);

    assertThat(outcome.succeeded()).isTrue();
    assertThat(outcome.output()).isEqualTo("promoted west");
  }

  @Test
  void aRunnerAlreadyStoppingStartsNoStep() {
    AtomicInteger calls = new AtomicInteger();
    StepInvoker invoker = new StepInvoker(new CallerRuns());
    Thread.currentThread().interrupt();

    assertThatThrownBy(
            () ->
                invoker.invoke(
                    new OneStep(
                        () -> {
                          calls.incrementAndGet();
                          return StepResult.succeeded("ran");
                        }),
                    STEP,
                    CONTEXT))
        .isInstanceOf(InterruptedException.class);
    assertThat(calls).hasValue(0);
  }

  @Test
  void aShutStepPoolStartsNoStep() {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    pool.shutdownNow();
    StepInvoker invoker = new StepInvoker(pool);

    assertThatThrownBy(
            () -> invoker.invoke(new OneStep(() -> StepResult.succeeded("ran")), STEP, CONTEXT))
        .isInstanceOf(InterruptedException.class);
  }

  @Test
  void aFailureWithoutAStopIsRecordedAsUsual() throws InterruptedException {
    StepInvoker invoker = new StepInvoker(new CallerRuns());

    StepInvoker.Outcome outcome =
        invoker.invoke(new OneStep(() -> StepResult.failed("no quorum")), STEP, CONTEXT);

    assertThat(outcome.outcome()).isEqualTo(StepLogOutcome.FAILED);
    assertThat(outcome.output()).contains("no quorum");
  }

  interface Call {
    StepResult run() throws ConnectorException;
  }

  /** A connector whose only use here is running the one step. */
  record OneStep(Call call) implements Connector {
    @Override
    public Capabilities capabilities() {
      throw new UnsupportedOperationException();
    }

    @Override
    public ProbeResult probe(Duration timeout) {
      throw new UnsupportedOperationException();
    }

    @Override
    public OperationPlan plan(OperationRequest request) {
      throw new UnsupportedOperationException();
    }

    @Override
    public StepResult execute(PlanStep step, StepContext context, Duration timeout)
        throws ConnectorException {
      return call.run();
    }
  }

  /** Runs every task on the submitting thread, at submit. */
  static final class CallerRuns extends AbstractExecutorService {
    private boolean shut;

    @Override
    public void execute(Runnable command) {
      command.run();
    }

    @Override
    public void shutdown() {
      shut = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
      shut = true;
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return shut;
    }

    @Override
    public boolean isTerminated() {
      return shut;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return shut;
    }
  }
}
