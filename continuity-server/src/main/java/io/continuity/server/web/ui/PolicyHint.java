package io.continuity.server.web.ui;

import io.continuity.connector.api.OperationType;
import io.continuity.core.approval.ApprovalPolicy;
import io.continuity.core.inventory.Tier;
import io.continuity.server.inventory.Inventory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The approval policy in words, up front on the request form. */
@Component
class PolicyHint {

  private final ApprovalPolicy policy;
  private final Inventory inventory;

  PolicyHint(ApprovalPolicy policy, Inventory inventory) {
    this.policy = policy;
    this.inventory = inventory;
  }

  /** One line per tier: approvals and the types that need a change ticket. */
  List<String> perTier() {
    List<String> lines = new ArrayList<>();
    for (Tier tier : Tier.values()) {
      List<OperationType> ticketed =
          List.of(OperationType.values()).stream()
              .filter(t -> policy.changeTicketRequired(tier, t))
              .toList();
      lines.add(
          "Tier "
              + tier.number()
              + ": "
              + approvals(policy.approvalsRequired(tier))
              + "; change ticket "
              + (ticketed.isEmpty()
                  ? "never required"
                  : "required for "
                      + ticketed.stream().map(Enum::name).collect(Collectors.joining(", "))));
    }
    return lines;
  }

  /** What this particular request needs, or empty while the form names no target. */
  Optional<String> forRequest(RequestForm form) {
    Optional<OperationType> type = form.operation();
    Optional<Tier> tier =
        form.scope()
            .flatMap(
                scope ->
                    form.target().startsWith("group:")
                        ? inventory.group(scope.id()).map(g -> g.tier())
                        : inventory.resource(scope.id()).map(r -> r.tier()));
    if (type.isEmpty() || tier.isEmpty()) {
      return Optional.empty();
    }
    boolean ticket = policy.changeTicketRequired(tier.get(), type.get());
    return Optional.of(
        "A "
            + type.get()
            + " of "
            + form.target().substring(form.target().indexOf(':') + 1)
            + " (tier "
            + tier.get().number()
            + ") needs "
            + approvals(policy.approvalsRequired(tier.get()))
            + " from approvers other than you, and "
            + (ticket ? "a change ticket." : "no change ticket.")
            + (tier.get() == Tier.TIER_1 ? " You will type its id to confirm the start." : ""));
  }

  private static String approvals(int count) {
    return count == 1 ? "1 approval" : count + " approvals";
  }
}
