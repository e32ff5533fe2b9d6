package io.continuity.server.web.api;

import java.util.List;

/**
 * The status of one resource as the API shows it.
 *
 * @param status {@code GREEN}, {@code YELLOW} or {@code RED}
 * @param evidenceAgeSeconds how old the newest successful probe is; null when there never was one
 * @param visibility {@code OK} or {@code LOST}
 * @param lastKnownStatus while visibility is LOST: the status last seen with visibility, if any
 * @param lastKnownAgeSeconds while visibility is LOST: how old the evidence behind it is
 * @param lagSeconds the replication lag the newest probe reported in time; null when unknown
 * @param lagBytes the replication lag the newest probe reported in bytes; null when unknown
 * @param lastExecutionInDoubt the last execution ended with a step in an unknown state and nobody
 *     has acknowledged it yet ({@code POST /api/v1/executions/{id}/acknowledge}); null otherwise
 */
public record ResourceStatusView(
    String id,
    String status,
    List<ReasonView> reasons,
    Long evidenceAgeSeconds,
    String visibility,
    String lastKnownStatus,
    Long lastKnownAgeSeconds,
    int tier,
    String platform,
    Double lagSeconds,
    Long lagBytes,
    long rpoTargetSeconds,
    ExecutionDoubtController.DoubtView lastExecutionInDoubt) {}
