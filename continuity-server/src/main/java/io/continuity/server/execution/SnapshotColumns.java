package io.continuity.server.execution;

import io.continuity.core.execution.BreakGlass;
import io.continuity.core.execution.ExecutionRequestSnapshot;
import io.continuity.core.execution.ExecutionScope;
import io.continuity.core.execution.ExecutionState;
import io.continuity.core.execution.ExecutionWindow;
import io.continuity.core.execution.Failure;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a snapshot maps to the columns of {@code execution_request}: the parameters of the fixed
 * columns (written once) and of the mutable ones (written by every save), and the JSON text of the
 * list- and map-valued fields.
 */
final class SnapshotColumns {

  static final String MUTABLE_COLUMNS =
      "state, state_entered_at, expires_at, break_glass_by, break_glass_justification,"
          + " break_glass_incident, break_glass_at, review_by, review_findings, review_at,"
          + " presented_to, confirmed_by, current_step, completed_steps, failed_checks,"
          + " failure_reason, failure_step, failure_at, version";

  static final String MUTABLE_PARAMS =
      ":state, :stateEnteredAt, :expiresAt, :breakGlassBy, :breakGlassJustification,"
          + " :breakGlassIncident, :breakGlassAt, :reviewBy, :reviewFindings, :reviewAt,"
          + " :presentedTo, :confirmedBy, :currentStep, :completedSteps, :failedChecks,"
          + " :failureReason, :failureStep, :failureAt, :version";

  static final String MUTABLE_ASSIGNMENTS = assignments();

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private SnapshotColumns() {}

  static Map<String, Object> fixed(ExecutionRequestSnapshot s) {
    Map<String, Object> p = new HashMap<>();
    p.put("id", s.id());
    p.put("type", s.type().name());
    p.put("scopeKind", s.scope() instanceof ExecutionScope.GroupScope ? "GROUP" : "RESOURCE");
    p.put("scopeId", s.scope().id());
    p.put("targetSite", s.targetSite());
    p.put("tier", s.tier().number());
    p.put("createdBy", s.createdBy());
    p.put("createdAt", time(s.createdAt()));
    p.put("changeTicket", s.changeTicket().orElse(null));
    p.put("reason", s.reason());
    p.put("approvalsRequired", s.policy().approvalsRequired());
    p.put("pendingTtl", s.policy().pendingApprovalTtl().toMillis());
    p.put("approvedTtl", s.policy().approvedNotStartedTtl().toMillis());
    p.put("confirmerMayBeApprover", s.policy().confirmerMayBeApprover());
    p.put("retryOf", s.retryOf().orElse(null));
    p.put("windowNotBefore", time(s.window().map(ExecutionWindow::notBefore).orElse(null)));
    p.put("windowNotAfter", time(s.window().map(ExecutionWindow::notAfter).orElse(null)));
    return p;
  }

  static Map<String, Object> mutable(ExecutionRequestSnapshot s) {
    Map<String, Object> p = new HashMap<>();
    p.put("state", s.state().name());
    p.put("stateEnteredAt", writeStates(s.stateEnteredAt()));
    p.put("expiresAt", time(s.expiresAt().orElse(null)));
    Optional<BreakGlass> glass = s.breakGlass();
    p.put("breakGlassBy", glass.map(BreakGlass::invokedBy).orElse(null));
    p.put("breakGlassJustification", glass.map(BreakGlass::justification).orElse(null));
    p.put("breakGlassIncident", glass.map(BreakGlass::incidentRef).orElse(null));
    p.put("breakGlassAt", time(glass.map(BreakGlass::at).orElse(null)));
    Optional<BreakGlass.PostIncidentReview> review = glass.flatMap(BreakGlass::review);
    p.put("reviewBy", review.map(BreakGlass.PostIncidentReview::reviewer).orElse(null));
    p.put("reviewFindings", review.map(BreakGlass.PostIncidentReview::findings).orElse(null));
    p.put("reviewAt", time(review.map(BreakGlass.PostIncidentReview::at).orElse(null)));
    p.put("presentedTo", s.presentedTo().orElse(null));
    p.put("confirmedBy", s.confirmedBy().orElse(null));
    p.put("currentStep", s.currentStep().orElse(null));
    p.put("completedSteps", JSON.writeValueAsString(s.completedSteps()));
    p.put("failedChecks", JSON.writeValueAsString(s.failedChecks()));
    Optional<Failure> failure = s.failure();
    p.put("failureReason", failure.map(Failure::reason).orElse(null));
    p.put("failureStep", failure.flatMap(Failure::stepId).orElse(null));
    p.put("failureAt", time(failure.map(Failure::at).orElse(null)));
    p.put("version", s.version());
    return p;
  }

  static OffsetDateTime time(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  static Map<ExecutionState, Instant> readStates(String json) {
    Map<String, String> raw = JSON.readValue(json, new TypeReference<Map<String, String>>() {});
    Map<ExecutionState, Instant> states = new EnumMap<>(ExecutionState.class);
    raw.forEach((state, at) -> states.put(ExecutionState.valueOf(state), Instant.parse(at)));
    return states;
  }

  static List<String> readList(String json) {
    return JSON.readValue(json, new TypeReference<List<String>>() {});
  }

  private static String writeStates(Map<ExecutionState, Instant> states) {
    Map<String, String> raw = new LinkedHashMap<>();
    states.forEach((state, at) -> raw.put(state.name(), at.toString()));
    return JSON.writeValueAsString(raw);
  }

  private static String assignments() {
    String[] columns = MUTABLE_COLUMNS.split(",\\s*");
    String[] params = MUTABLE_PARAMS.split(",\\s*");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < columns.length; i++) {
      out.append(i == 0 ? "" : ", ").append(columns[i]).append(" = ").append(params[i]);
    }
    return out.toString();
  }
}
