package io.continuity.server.web.api;

import java.util.List;

/** {@code GET /api/v1/status/summary}: the estate's counts and every group with its status. */
public record StatusSummary(EstateCounts counts, List<GroupStatusView> groups) {}
