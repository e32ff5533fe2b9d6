package io.continuity.connector.sqlserver;

import io.continuity.connector.api.Platform;
import io.continuity.connector.api.ReplicationMarker;
import java.math.BigInteger;
import java.util.Optional;

/**
 * The connector's marker: kind {@code AG_LOG_BLOCK_LSN}, a flush LSN ({@code end_of_log_lsn} of the
 * primary database, {@code last_hardened_lsn} of the DR database): a log-block id padded with
 * zeroes, as SQL Server's numeric(25,0) (brief §2.3). Each database has its own log, so the value
 * names the database ({@code Payments:37000000012300000}) and two markers compare only when their
 * databases match; the position is the number itself. The numbers order positions in one log; they
 * do not count bytes.
 */
final class Markers {

  static final String KIND = "AG_LOG_BLOCK_LSN";

  private Markers() {}

  static ReplicationMarker of(String database, BigInteger lsn) {
    return new ReplicationMarker(Platform.SQLSERVER, KIND, database + ":" + lsn, lsn);
  }

  /** The database a marker of this connector names, if it is one. */
  static Optional<String> database(ReplicationMarker marker) {
    if (!marker.platform().equals(Platform.SQLSERVER) || !marker.kind().equals(KIND)) {
      return Optional.empty();
    }
    int colon = marker.value().lastIndexOf(':');
    return colon <= 0 ? Optional.empty() : Optional.of(marker.value().substring(0, colon));
  }
}
