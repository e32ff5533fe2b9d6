package io.continuity.server.web.api;

import java.util.List;

/** {@code GET /api/v1/status}: every resource's and every group's status. */
public record StatusOverview(List<ResourceStatusView> resources, List<GroupStatusView> groups) {}
