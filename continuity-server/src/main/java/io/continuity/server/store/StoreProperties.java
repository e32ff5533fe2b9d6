package io.continuity.server.store;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the state store ({@code continuity.store.*}).
 *
 * @param allowDelayedCommits start even when the embedded store writes commits to disk late (H2's
 *     {@code WRITE_DELAY} above 0), so a {@code kill -9} can lose acknowledged decisions. Only for
 *     throw-away tests; never in production.
 * @param idleInTransactionTimeout on a PostgreSQL store, the server ends a session of ours that
 *     sits idle inside a transaction this long: an instance frozen mid-transaction (a long GC
 *     pause, a suspended VM) then cannot hold its row locks, such as the prober lease's, and block
 *     the other instances' take-over. Keep it below the leases ({@code continuity.monitoring
 *     .leader-lease}, {@code continuity.execution.lease-duration}).
 */
@ConfigurationProperties("continuity.store")
public record StoreProperties(
    @DefaultValue("false") boolean allowDelayedCommits,
    @DefaultValue("5s") Duration idleInTransactionTimeout) {}
