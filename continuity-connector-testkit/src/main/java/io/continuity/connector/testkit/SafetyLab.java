package io.continuity.connector.testkit;

import io.continuity.connector.api.ConnectorConfig;

/**
 * The small hook {@link OperationSafetyContract} drives a connector's own topology through: a real
 * one (a PostgreSQL pair from the lab) or a faithful fake (a scripted replica set, an AG simulator,
 * an HTTP fake of two Snowflake accounts). Each contract test gets a fresh or reset topology with
 * the configured primary site taking writes and the DR site replicating.
 */
public interface SafetyLab extends AutoCloseable {

  /** The connector configuration of the topology (short step timeouts make the tests quick). */
  ConnectorConfig config();

  /** The configured primary site's name (primary at the start of every test). */
  String primarySite();

  /** The configured DR site's name. */
  String drSite();

  /**
   * Makes {@code count} acknowledged writes on the site that takes writes now.
   *
   * @return the number of writes acknowledged so far on this topology, in all
   */
  long write(int count) throws Exception;

  /** How many acknowledged writes the named site's data holds now (read on that site). */
  long writesVisibleOn(String site) throws Exception;

  /** True when the named site accepts a write now (a test write, rolled back or removed). */
  boolean takesWrites(String site) throws Exception;

  /** Stops the DR site from applying changes (replication paused or its stream cut). */
  void pauseReplication() throws Exception;

  /** Undoes {@link #pauseReplication()}. */
  void resumeReplication() throws Exception;

  /** Makes every member of the site unreachable at once, as when the site is lost. */
  void loseSite(String site) throws Exception;

  @Override
  default void close() throws Exception {}
}
