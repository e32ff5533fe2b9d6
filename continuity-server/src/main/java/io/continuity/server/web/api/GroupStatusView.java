package io.continuity.server.web.api;

import java.util.List;

/**
 * The status of one group: the worst member's, with the members' reasons (see {@link
 * ResourceStatusView} for the fields they share).
 */
public record GroupStatusView(
    String id,
    String status,
    List<ReasonView> reasons,
    Long evidenceAgeSeconds,
    String visibility,
    String lastKnownStatus,
    Long lastKnownAgeSeconds,
    int tier,
    List<String> members) {}
