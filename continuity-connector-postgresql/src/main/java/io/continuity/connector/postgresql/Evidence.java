package io.continuity.connector.postgresql;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The data-loss conclusion of a failover, stated conservatively (design §5): caught up to the last
 * primary position anyone observed, a potential loss window in bytes of WAL, or no marker at all.
 */
final class Evidence {

  private Evidence() {}

  /**
   * @param lastPrimary the highest primary LSN ever observed, if any
   * @param reached how far the promoted standby got (its receive/replay LSN at promotion)
   */
  static Map<String, String> conclude(Optional<Lsn> lastPrimary, Lsn reached) {
    Map<String, String> facts = new LinkedHashMap<>();
    if (lastPrimary.isEmpty()) {
      facts.put(Facts.CONCLUSION, Facts.MARKER_UNAVAILABLE);
      facts.put(
          Facts.EVIDENCE,
          "marker unavailable: no primary LSN was ever observed, so completeness cannot be"
              + " proven; the standby reached "
              + reached
              + "; see integrity checks");
      return facts;
    }
    Lsn last = lastPrimary.get();
    facts.put(Facts.LAST_PRIMARY_LSN, last.toString());
    long loss = last.bytesAfter(reached);
    facts.put(Facts.POTENTIAL_LOSS_BYTES, Long.toString(loss));
    if (loss == 0) {
      facts.put(Facts.CONCLUSION, Facts.CAUGHT_UP);
      facts.put(
          Facts.EVIDENCE,
          "caught up to marker WAL_LSN "
              + reached
              + ", at or past the last primary LSN observed ("
              + last
              + "); writes after that observation cannot be proven either way");
    } else {
      facts.put(Facts.CONCLUSION, Facts.POTENTIAL_LOSS);
      facts.put(
          Facts.EVIDENCE,
          "potential loss window up to "
              + loss
              + " bytes of WAL: the standby reached "
              + reached
              + ", the primary was last observed at "
              + last);
    }
    return facts;
  }
}
