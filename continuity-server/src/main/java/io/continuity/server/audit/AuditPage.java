package io.continuity.server.audit;

import java.util.List;

/** One page of audit records plus the total number of records matching the query. */
public record AuditPage(List<AuditRecord> items, int page, int size, long total) {

  public AuditPage {
    items = List.copyOf(items);
  }
}
