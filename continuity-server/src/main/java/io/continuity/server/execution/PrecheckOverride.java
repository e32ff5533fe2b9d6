package io.continuity.server.execution;

import java.time.Instant;

/**
 * An approver's decision to go ahead despite one failed precheck of one request.
 *
 * @param checkId the qualified check id ({@code orders-db/replication-lag})
 * @param seen what the check said when it was overridden
 * @param auditSeq the sequence number of the {@code PRECHECK_OVERRIDDEN} audit event
 */
public record PrecheckOverride(
    String executionId,
    String checkId,
    String actor,
    String reason,
    String seen,
    Instant at,
    long auditSeq) {}
