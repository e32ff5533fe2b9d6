package io.continuity.server.execution;

import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.PlanStep;
import io.continuity.connector.api.StepKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stored form of an {@link ExecutionPlan} (column {@code execution_run.plan_json}) and of flat
 * string maps (step facts): the plan a run resumes with is the plan that was confirmed, never a
 * fresh one from the connector.
 */
final class PlanJson {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<List<Member>> MEMBERS = new TypeReference<>() {};
  private static final TypeReference<java.util.TreeMap<String, String>> FLAT =
      new TypeReference<>() {};

  private PlanJson() {}

  static String write(ExecutionPlan plan) {
    return JSON.writeValueAsString(
        plan.members().stream()
            .map(
                m ->
                    new Member(
                        m.resourceId(),
                        m.wave(),
                        m.plan().type().name(),
                        m.plan().targetSite(),
                        m.plan().steps().stream()
                            .map(
                                s ->
                                    new Step(
                                        s.id(),
                                        s.name(),
                                        s.kind().name(),
                                        s.description(),
                                        s.timeout().toMillis(),
                                        s.idempotent()))
                            .toList()))
            .toList());
  }

  static ExecutionPlan read(String json) {
    List<Member> members = JSON.readValue(json, MEMBERS);
    return new ExecutionPlan(
        members.stream()
            .map(
                m ->
                    new ExecutionPlan.MemberPlan(
                        m.resourceId(),
                        m.wave(),
                        new OperationPlan(
                            OperationType.valueOf(m.type()),
                            m.targetSite(),
                            m.steps().stream()
                                .map(
                                    s ->
                                        new PlanStep(
                                            s.id(),
                                            s.name(),
                                            StepKind.valueOf(s.kind()),
                                            s.description(),
                                            Duration.ofMillis(s.timeoutMs()),
                                            s.idempotent()))
                                .toList())))
            .toList());
  }

  static String writeFlat(Map<String, String> values) {
    return JSON.writeValueAsString(new java.util.TreeMap<>(values));
  }

  static Map<String, String> readFlat(String json) {
    return json == null || json.isBlank() ? Map.of() : JSON.readValue(json, FLAT);
  }

  static String writeValue(Object value) {
    return JSON.writeValueAsString(value);
  }

  static <T> T readValue(String json, Class<T> type) {
    return JSON.readValue(json, type);
  }

  record Member(String resourceId, int wave, String type, String targetSite, List<Step> steps) {}

  record Step(
      String id,
      String name,
      String kind,
      String description,
      long timeoutMs,
      boolean idempotent) {}
}
