package io.continuity.server.monitoring;

/**
 * Something that must read the raw history of closed days before retention downsamples it: the
 * readiness rollup (decision 025). {@link ObservationRetention} calls it first, and downsamples
 * only when it succeeded, so no day is downsampled before it is rolled up.
 */
public interface HistoryRollup {

  /** Rolls up every closed day older than {@code retention.raw} that is not rolled up yet. */
  void rollUp();
}
