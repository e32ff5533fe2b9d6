package io.continuity.server.web.api;

import java.util.List;

/**
 * {@code GET /api/v1/status} with a filter, search or page: one page of the matching resources,
 * worst first (RED, lost visibility, YELLOW, GREEN), and the groups matching the status and tier.
 *
 * @param page 1-based
 * @param total how many resources match, on all pages
 */
public record StatusPage(
    List<ResourceStatusView> resources,
    List<GroupStatusView> groups,
    int page,
    int size,
    int total,
    int pages) {}
