package io.continuity.connector.snowflake;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What one account showed in one look: its own row of {@code SHOW FAILOVER GROUPS} for the group
 * (if the group exists there), its clock, and — on a secondary — the group's recent refreshes,
 * newest first.
 */
record AccountObservation(
    SnowflakeSettings.Account account,
    Optional<GroupRow> group,
    long nowMicros,
    List<RefreshRow> refreshes) {

  AccountObservation {
    refreshes = List.copyOf(refreshes);
  }

  boolean isPrimary() {
    return group.map(GroupRow::isPrimary).orElse(false);
  }

  boolean isSecondary() {
    return group.map(g -> !g.isPrimary()).orElse(false);
  }

  /** The newest refresh that finished COMPLETED without error: what the secondary holds. */
  Optional<RefreshRow> newestCompleted() {
    return refreshes.stream().filter(RefreshRow::completed).findFirst();
  }

  Optional<RefreshRow> running() {
    return refreshes.stream().filter(RefreshRow::running).findFirst();
  }

  /** The account's row of SHOW FAILOVER GROUPS (columns are lower-case there). */
  record GroupRow(
      String name,
      String accountName,
      boolean isPrimary,
      String primary,
      String replicationSchedule,
      String secondaryState,
      String nextScheduledRefresh) {

    boolean suspended() {
      return secondaryState.toUpperCase(Locale.ROOT).startsWith("SUSPENDED");
    }

    /** The account name part of {@code primary} ({@code ORG.ACCOUNT.GROUP}). */
    String primaryAccountName() {
      String[] parts = primary.split("\\.");
      return parts.length >= 3 ? parts[parts.length - 2] : primary;
    }
  }

  /** One row of REPLICATION_GROUP_REFRESH_HISTORY, timestamps as epoch microseconds. */
  record RefreshRow(
      String phase,
      String jobUuid,
      long startMicros,
      Optional<Long> endMicros,
      Optional<Long> snapshotMicros,
      Optional<String> error) {

    boolean completed() {
      return phase.equalsIgnoreCase("COMPLETED") && error.isEmpty() && snapshotMicros.isPresent();
    }

    boolean failed() {
      return phase.equalsIgnoreCase("FAILED") || phase.equalsIgnoreCase("CANCELED");
    }

    boolean running() {
      return endMicros.isEmpty() && !completed() && !failed();
    }
  }
}
