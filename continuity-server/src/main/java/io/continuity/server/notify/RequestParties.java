package io.continuity.server.notify;

import io.continuity.core.approval.Approval;
import io.continuity.core.execution.ExecutionRequestSnapshot;
import io.continuity.core.execution.ExecutionScope;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is involved in an execution request and what it does, as the notification rules need it.
 *
 * @param approvers the people who approved it (not those who rejected), in order, each once
 * @param target what it acts on, for example {@code orders-db} or {@code group checkout}
 */
record RequestParties(
    String requester,
    List<String> approvers,
    Optional<String> confirmer,
    String operation,
    String target,
    String targetSite) {

  RequestParties {
    Objects.requireNonNull(requester, "requester");
    approvers = List.copyOf(approvers);
    Objects.requireNonNull(confirmer, "confirmer");
  }

  static RequestParties of(ExecutionRequestSnapshot request) {
    return new RequestParties(
        request.createdBy(),
        request.approvals().stream()
            .filter(Approval::approved)
            .map(Approval::actor)
            .distinct()
            .toList(),
        request.confirmedBy(),
        request.type().name(),
        request.scope() instanceof ExecutionScope.GroupScope group
            ? "group " + group.groupId()
            : request.scope().id(),
        request.targetSite());
  }
}
