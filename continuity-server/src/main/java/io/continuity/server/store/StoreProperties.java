package io.continuity.server.store;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the state store ({@code continuity.store.*}).
 *
 * @param allowDelayedCommits start even when the embedded store writes commits to disk late (H2's
 *     {@code WRITE_DELAY} above 0), so a {@code kill -9} can lose acknowledged decisions. Only for
 *     throw-away tests; never in production.
 */
@ConfigurationProperties("continuity.store")
public record StoreProperties(@DefaultValue("false") boolean allowDelayedCommits) {}
