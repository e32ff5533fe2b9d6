package io.continuity.server.execution;

import java.util.Objects;

/**
 * One precheck's verdict on one member resource.
 *
 * @param id what was checked: {@code connector}, {@code capability}, {@code evidence-fresh}, {@code
 *     replication-lag}, {@code topology}, {@code no-concurrent-run}, {@code cooldown}, {@code plan}
 * @param detail what was seen, and for a failure what to do
 */
public record CheckResult(String id, String resourceId, boolean passed, String detail) {

  public CheckResult {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(resourceId, "resourceId");
    detail = detail == null ? "" : detail;
  }

  static CheckResult pass(String id, String resourceId, String detail) {
    return new CheckResult(id, resourceId, true, detail);
  }

  static CheckResult fail(String id, String resourceId, String detail) {
    return new CheckResult(id, resourceId, false, detail);
  }

  /** The check's id qualified by its resource ({@code orders-db/evidence-fresh}). */
  public String qualifiedId() {
    return resourceId + "/" + id;
  }
}
