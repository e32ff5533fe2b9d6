package io.continuity.server.execution;

import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.PlanStep;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a confirmed execution runs: one connector plan per member resource, in waves (a resource
 * request has one member in wave 1; a group has its members in its {@code waves()} order). Members
 * of one wave run in parallel; a wave starts only when the one before it succeeded.
 */
public record ExecutionPlan(List<MemberPlan> members) {

  public ExecutionPlan {
    members = List.copyOf(Objects.requireNonNull(members, "members"));
    if (members.isEmpty()) {
      throw new IllegalArgumentException("an execution plan needs at least one member");
    }
  }

  /** One member resource's plan and the wave it runs in (1-based). */
  public record MemberPlan(String resourceId, int wave, OperationPlan plan) {
    public MemberPlan {
      Objects.requireNonNull(resourceId, "resourceId");
      Objects.requireNonNull(plan, "plan");
      if (wave < 1) {
        throw new IllegalArgumentException("waves are numbered from 1");
      }
    }
  }

  /** The waves in order, each with its members. */
  public List<List<MemberPlan>> waves() {
    int last = members.stream().mapToInt(MemberPlan::wave).max().orElse(0);
    return java.util.stream.IntStream.rangeClosed(1, last)
        .mapToObj(w -> members.stream().filter(m -> m.wave() == w).toList())
        .filter(wave -> !wave.isEmpty())
        .toList();
  }

  public Optional<MemberPlan> member(String resourceId) {
    return members.stream().filter(m -> m.resourceId().equals(resourceId)).findFirst();
  }

  public List<String> resourceIds() {
    return members.stream().map(MemberPlan::resourceId).toList();
  }

  /**
   * SHA-256 (hex) over the ordered members and their steps' ids, kinds, timeouts and idempotency:
   * changes when anything the operator confirmed about the plan changes, not when wording does.
   */
  public String hash() {
    StringBuilder text = new StringBuilder();
    for (MemberPlan member : members) {
      text.append(member.resourceId()).append('@').append(member.wave()).append(':');
      text.append(member.plan().type()).append('>').append(member.plan().targetSite()).append('\n');
      for (PlanStep step : member.plan().steps()) {
        text.append(step.id())
            .append('|')
            .append(step.kind())
            .append('|')
            .append(step.timeout().toMillis())
            .append('|')
            .append(step.idempotent())
            .append('\n');
      }
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
