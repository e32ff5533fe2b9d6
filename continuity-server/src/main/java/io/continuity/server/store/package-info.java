/**
 * The state store itself: checks at start-up that it keeps what it acknowledges (decision 015).
 * Nothing depends on this package; it refuses to let the server start on a store that could forget
 * committed transactions.
 */
package io.continuity.server.store;
