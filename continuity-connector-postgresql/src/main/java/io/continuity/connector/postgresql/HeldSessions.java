package io.continuity.connector.postgresql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A connection to a switchover's target opened before its primary is stopped and handed from step
 * to step (quiesce, wait for catch-up, promote) so that no step in the write window pays for a new
 * connection. Each hand-over is checked ({@link Connection#isValid}); a connection nobody took
 * within {@link #MAX_IDLE} is closed at the next use. The steps work the same without it: they open
 * their own connection when there is none.
 */
final class HeldSessions {

  static final Duration MAX_IDLE = Duration.ofSeconds(60);

  private record Key(String executionId, String site) {}

  private record Held(Connection connection, long since) {}

  private final Map<Key, Held> held = new HashMap<>();

  /** Keeps {@code c} for the next step of {@code executionId} on {@code site}. */
  synchronized void put(String executionId, String site, Connection c) {
    sweep();
    Held earlier = held.put(new Key(executionId, site), new Held(c, System.nanoTime()));
    if (earlier != null && earlier.connection() != c) {
      quietlyClose(earlier.connection());
    }
  }

  /** The held connection, if there is one that still answers; the caller owns it from now on. */
  Optional<Connection> take(String executionId, String site) {
    Held h;
    synchronized (this) {
      sweep();
      h = held.remove(new Key(executionId, site));
    }
    if (h == null) {
      return Optional.empty();
    }
    try {
      if (h.connection().isValid(1)) {
        return Optional.of(h.connection());
      }
    } catch (SQLException e) {
      // not usable: the step opens a new one
    }
    quietlyClose(h.connection());
    return Optional.empty();
  }

  synchronized void closeAll() {
    held.values().forEach(h -> quietlyClose(h.connection()));
    held.clear();
  }

  private void sweep() {
    long now = System.nanoTime();
    held.values()
        .removeIf(
            h -> {
              boolean stale = now - h.since() > MAX_IDLE.toNanos();
              if (stale) {
                quietlyClose(h.connection());
              }
              return stale;
            });
  }

  private static void quietlyClose(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // already gone
    }
  }
}
