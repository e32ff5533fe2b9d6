package io.continuity.server.audit;

import java.time.Instant;

/**
 * Filters and paging for reading the audit trail. Every filter is optional ({@code null} = any);
 * {@code from} is inclusive and {@code to} exclusive; results come in sequence (time) order.
 */
public record AuditQuery(
    String executionId,
    String resourceId,
    String actor,
    Instant from,
    Instant to,
    int page,
    int size) {

  public static final int MAX_SIZE = 500;
  public static final int MAX_PAGE = 1_000_000;

  public AuditQuery {
    if (page < 0 || page > MAX_PAGE) {
      throw new IllegalArgumentException("page must be between 0 and " + MAX_PAGE + ": " + page);
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE + ": " + size);
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to: " + from + " >= " + to);
    }
  }

  /** Every event, first page of the given size. */
  public static AuditQuery all(int size) {
    return new AuditQuery(null, null, null, null, null, 0, size);
  }
}
