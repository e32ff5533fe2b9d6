package io.continuity.server.report;

import io.continuity.server.audit.AuditAnchor;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Readiness over a period, anchored to the audit trail: per resource and group the share of time in
 * each status, within the RPO target, the worst lag, the longest loss of visibility, the readiness
 * alerts, the last successful drill, switchover and failover, and the open findings.
 *
 * @param from the period start (inclusive)
 * @param to the period end as asked (exclusive)
 * @param end the period end the figures cover: {@code to}, or the generation time when that is
 *     earlier (the future is not counted)
 * @param tier the tier filter, null for all
 * @param group the group filter, null for all
 * @param auditHead the audit head when the report was generated
 * @param drillMaxAge the drill policy per tier
 */
public record ReadinessReport(
    Instant from,
    Instant to,
    Instant end,
    Instant generatedAt,
    Integer tier,
    String group,
    AuditAnchor auditHead,
    Map<String, String> drillMaxAge,
    List<ResourceReadiness> resources,
    List<GroupReadiness> groups,
    List<Finding> findings) {

  /** The readiness of one resource over the period. */
  public record ResourceReadiness(
      String id,
      String name,
      int tier,
      String owner,
      List<String> groups,
      double rpoTargetSeconds,
      Compliance compliance,
      long readinessAlerts,
      String statusNow,
      LastExecution lastDrill,
      LastExecution lastSwitchover,
      LastExecution lastFailover,
      List<Finding> findings) {}

  /**
   * A group over the period: the mean of its members' shares (each member weighs the same), the
   * worst of their lags and losses of visibility, and the sum of their alerts.
   */
  public record GroupReadiness(
      String id,
      String name,
      int tier,
      List<String> members,
      double green,
      double yellow,
      double red,
      double lost,
      double unknown,
      double withinRpo,
      Double worstLagSeconds,
      Instant worstLagAt,
      String worstLagResource,
      long longestLostMillis,
      long readinessAlerts,
      LastExecution lastDrill) {}

  /**
   * The last successful execution of a kind that covered a resource (on it, or on a group it is
   * in), with its evidence conclusion.
   */
  public record LastExecution(
      String executionId, String type, String scope, Instant succeededAt, String conclusion) {}

  /**
   * An open finding.
   *
   * @param kind NEVER_DRILLED, DRILL_OVERDUE, CAPABILITY_MISSING, RED_NOW or MARKER_UNAVAILABLE
   */
  public record Finding(String resourceId, String kind, String message) {}
}
