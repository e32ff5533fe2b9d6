package io.continuity.server.execution;

import io.continuity.core.execution.ExecutionRequestSnapshot;
import java.util.List;

/** One page of execution requests, newest first, and how many match in total. */
public record ExecutionPage(List<ExecutionRequestSnapshot> items, int page, int size, long total) {

  public ExecutionPage {
    items = List.copyOf(items);
  }
}
