package io.continuity.server.execution;

import io.continuity.connector.api.Connector;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.ConnectorException.StepEffect;
import io.continuity.connector.api.PayloadSanitizer;
import io.continuity.connector.api.PlanStep;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepOutcome;
import io.continuity.connector.api.StepResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one step on the bounded step pool and enforces its timeout: the connector is given the
 * step's timeout, and the engine waits that long plus a short grace, then cancels (interrupts) the
 * call and records TIMED_OUT, its outcome unknown. Output is sanitized again (never a secret).
 *
 * <p>When the runner itself stops (a clean server stop interrupts its threads, then the steps'), a
 * step that did not succeed is not given an outcome: its failure may be the stop's own doing (the
 * interrupted connector call), so it stays STARTED in the step log for recovery to judge, as after
 * {@code kill -9}.
 */
final class StepInvoker {

  static final Duration GRACE = Duration.ofSeconds(2);

  private final ExecutorService steps;
  private final PayloadSanitizer sanitizer = PayloadSanitizer.standard();

  StepInvoker(ExecutorService steps) {
    this.steps = steps;
  }

  /**
   * How one step ended, with its sanitized output and facts (its marker under "marker", its loss
   * evidence under "loss.*"). A connector's OUTCOME_UNKNOWN, or an exception that does not say it
   * changed nothing, is recorded as a doubt ({@link StepDoubts}): someone must look.
   */
  record Outcome(StepLogOutcome outcome, String output, Map<String, String> facts) {
    boolean succeeded() {
      return outcome == StepLogOutcome.SUCCEEDED;
    }
  }

  /**
   * @throws InterruptedException when the runner itself is stopped (server shut-down): the step
   *     stays STARTED in the log, for recovery to judge
   */
  Outcome invoke(Connector connector, PlanStep step, StepContext context)
      throws InterruptedException {
    if (Thread.currentThread().isInterrupted()) {
      throw runnerStopping(step);
    }
    long started = System.nanoTime();
    Future<StepResult> future;
    try {
      future = steps.submit(() -> connector.execute(step, context, step.timeout()));
    } catch (RejectedExecutionException e) {
      throw runnerStopping(step);
    }
    return unlessStopping(step, await(future, step, started));
  }

  private Outcome await(Future<StepResult> future, PlanStep step, long started)
      throws InterruptedException {
    try {
      StepResult result = future.get(step.timeout().plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
      Map<String, String> facts = new LinkedHashMap<>(result.facts());
      result.marker().ifPresent(marker -> facts.put("marker", marker.toString()));
      result.loss().ifPresent(loss -> facts.putAll(LossFacts.of(loss)));
      if (result.outcome() == StepOutcome.OUTCOME_UNKNOWN) {
        return new Outcome(
            StepLogOutcome.FAILED, clean(StepDoubts.UNKNOWN_OUTCOME + result.output()), facts);
      }
      return new Outcome(
          result.succeeded() ? StepLogOutcome.SUCCEEDED : StepLogOutcome.FAILED,
          clean(result.output()),
          facts);
    } catch (TimeoutException e) {
      future.cancel(true);
      return new Outcome(
          StepLogOutcome.TIMED_OUT,
          "step did not finish within its timeout of "
              + Human.duration(step.timeout())
              + "; it was cancelled and its outcome is unknown",
          Map.of());
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      boolean timedOut =
          cause instanceof ConnectorException ce
              && ce.isRetriable()
              && took.compareTo(step.timeout()) >= 0;
      String message = cause == null ? e.getMessage() : cause.getMessage();
      boolean changedNothing =
          cause instanceof ConnectorException ce && ce.effect() == StepEffect.NONE;
      if (changedNothing) {
        return new Outcome(
            StepLogOutcome.FAILED,
            clean("step did not run (nothing changed): " + message),
            Map.of());
      }
      return new Outcome(
          timedOut ? StepLogOutcome.TIMED_OUT : StepLogOutcome.FAILED,
          clean((timedOut ? "step timed out: " : StepDoubts.UNKNOWN_OUTCOME) + message),
          Map.of());
    }
  }

  /** A step that did not succeed while the runner stops is left for recovery (class comment). */
  private static Outcome unlessStopping(PlanStep step, Outcome outcome)
      throws InterruptedException {
    if (!outcome.succeeded() && Thread.currentThread().isInterrupted()) {
      throw runnerStopping(step);
    }
    return outcome;
  }

  private static InterruptedException runnerStopping(PlanStep step) {
    return new InterruptedException(
        "the runner is stopping: step " + step.id() + " is left for recovery to judge");
  }

  private String clean(String text) {
    return StepRecord.truncate(sanitizer.sanitizeText(text == null ? "" : text));
  }
}
