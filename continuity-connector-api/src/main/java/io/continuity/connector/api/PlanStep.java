package io.continuity.connector.api;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One named step of an operation plan.
 *
 * @param id stable identifier within the plan ({@code promote-standby}), used in the step log
 * @param name human-readable name
 * @param description what the step does and what state it leaves the resource in
 * @param timeout how long the step may run before it is abandoned as failed
 * @param idempotent true when running the step again after an interruption is safe and has the same
 *     effect; the execution engine resumes a crashed run only over idempotent steps
 */
public record PlanStep(
    String id,
    String name,
    StepKind kind,
    String description,
    Duration timeout,
    boolean idempotent) {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  public PlanStep {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    description = description == null ? "" : description;
    Objects.requireNonNull(timeout, "timeout");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("step id '" + id + "' must be lower-case kebab case");
    }
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("step " + id + " needs a positive timeout");
    }
  }
}
