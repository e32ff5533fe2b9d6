package io.continuity.connector.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.PlanStep;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepKind;
import io.continuity.connector.api.StepOutcome;
import io.continuity.connector.api.StepResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StepRouterTest {

  static final PlanStep PROMOTE =
      new PlanStep(
          StandardStepIds.PROMOTE_TARGET,
          "Promote",
          StepKind.ACTION,
          "promote",
          Duration.ofSeconds(5),
          true);
  static final PlanStep UNKNOWN =
      new PlanStep("format-disk", "?", StepKind.ACTION, "?", Duration.ofSeconds(5), true);
  static final StepContext CONTEXT =
      new StepContext(
          "EX-1", new OperationPlan(OperationType.SWITCHOVER, "west", List.of(PROMOTE)), Map.of());

  @Test
  void aKnownStepRunsItsHandlerWithTheTimeoutGiven() throws Exception {
    StepRouter router =
        StepRouter.of("test")
            .on(
                StandardStepIds.PROMOTE_TARGET,
                (context, timeout) ->
                    new StepResult(
                        StepOutcome.SUCCEEDED,
                        context.executionId() + " in " + timeout,
                        Map.of(),
                        Optional.empty()))
            .build();

    StepResult result = router.run(PROMOTE, CONTEXT, Duration.ofSeconds(3));

    assertThat(result.output()).isEqualTo("EX-1 in PT3S");
    assertThat(router.stepIds()).containsExactly(StandardStepIds.PROMOTE_TARGET);
  }

  @Test
  void anUnknownStepIsRefusedAsPermanentNamingTheConnector() {
    StepRouter router = StepRouter.of("test").build();

    assertThatThrownBy(() -> router.run(UNKNOWN, CONTEXT, Duration.ofSeconds(1)))
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.isRetriable()).isFalse())
        .hasMessageContaining("'format-disk'")
        .hasMessageContaining("test connector");
  }

  @Test
  void aStepIdWithTwoHandlersIsAProgrammingError() {
    StepRouter.Builder builder = StepRouter.of("test").on("x", (c, t) -> null);

    assertThatThrownBy(() -> builder.on("x", (c, t) -> null))
        .isInstanceOf(IllegalStateException.class);
  }
}
