package io.continuity.server.execution;

import java.util.Objects;

/**
 * One precheck's verdict on one member resource.
 *
 * @param id what was checked: {@code connector}, {@code capability}, {@code evidence-fresh}, {@code
 *     replication-lag}, {@code topology}, {@code no-concurrent-run}, {@code cooldown}, {@code plan}
 * @param detail what was seen, and for a failure what to do
 * @param overridable the check failed and policy lets an approver override it ({@link
 *     PrecheckOverrides})
 * @param overriddenBy who overrode the failed check (it then counts as passed), or null
 */
public record CheckResult(
    String id,
    String resourceId,
    boolean passed,
    String detail,
    boolean overridable,
    String overriddenBy) {

  public CheckResult {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(resourceId, "resourceId");
    detail = detail == null ? "" : detail;
  }

  static CheckResult pass(String id, String resourceId, String detail) {
    return new CheckResult(id, resourceId, true, detail, false, null);
  }

  static CheckResult fail(String id, String resourceId, String detail) {
    return new CheckResult(id, resourceId, false, detail, false, null);
  }

  /** This failed check, marked as one an approver may override. */
  CheckResult asOverridable() {
    return new CheckResult(id, resourceId, false, detail, true, null);
  }

  /** This failed check, overridden: it counts as passed and says by whom and why. */
  CheckResult overridden(PrecheckOverride override) {
    return new CheckResult(
        id,
        resourceId,
        true,
        detail
            + " — OVERRIDDEN by "
            + override.actor()
            + " at "
            + override.at()
            + ": "
            + override.reason(),
        true,
        override.actor());
  }

  /** This failed check with a note appended (why an override does not count). */
  CheckResult withNote(String note) {
    return new CheckResult(id, resourceId, false, detail + "; " + note, overridable, null);
  }

  /** The check's id qualified by its resource ({@code orders-db/evidence-fresh}). */
  public String qualifiedId() {
    return resourceId + "/" + id;
  }
}
