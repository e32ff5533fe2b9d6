package io.continuity.connector.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class OpTimeTest {

  @Test
  void optimesOrderByTermBeforeTimestampAndPositionsKeepThatOrder() {
    OpTime oldTermLate = new OpTime(1, 2_000_000_000L, 7, Optional.empty());
    OpTime newTermEarly = new OpTime(2, 1_000_000_000L, 1, Optional.empty());

    assertThat(newTermEarly).isGreaterThan(oldTermLate);
    assertThat(newTermEarly.position()).isGreaterThan(oldTermLate.position());
    assertThat(newTermEarly.marker().hasReached(oldTermLate.marker())).isTrue();
    assertThat(new OpTime(1, 5, 2, Optional.empty()))
        .isGreaterThan(new OpTime(1, 5, 1, Optional.empty()));
    assertThat(new OpTime(1, 6, 0, Optional.empty()).position())
        .isGreaterThan(new OpTime(1, 5, 0xffffffffL, Optional.empty()).position());
  }

  @Test
  void anUnknownOptimeAsReplSetGetStatusShowsAnUnreachableMemberIsNeverPositionZero() {
    Document unknownTerm = new Document("ts", new BsonTimestamp(1_700_000_000, 3)).append("t", -1L);
    Document zeroTimestamp = new Document("ts", new BsonTimestamp(0, 0)).append("t", 4L);

    assertThat(OpTime.from(unknownTerm, null)).isEmpty();
    assertThat(OpTime.from(zeroTimestamp, null)).isEmpty();
    assertThat(OpTime.from(null, null)).isEmpty();
  }

  @Test
  void readsTheReplyShapeWithItsWallTimeAndParsesItsOwnMarkerValueBack() {
    Instant wall = Instant.parse("2026-12-02T10:00:00.250Z");
    OpTime read =
        OpTime.from(
                new Document("ts", new BsonTimestamp(1_796_000_000, 42)).append("t", 3L),
                Date.from(wall))
            .orElseThrow();

    assertThat(read.value()).isEqualTo("{ts: Timestamp(1796000000, 42), t: 3}");
    assertThat(read.time()).isEqualTo(wall);
    assertThat(OpTime.parse(read.value()))
        .contains(new OpTime(3, 1_796_000_000L, 42, Optional.empty()));
    assertThat(OpTime.of(read.marker()))
        .hasValueSatisfying(o -> assertThat(o.samePosition(read)).isTrue());
    assertThat(new OpTime(3, 1_796_000_000L, 42, Optional.empty()).time())
        .as("without a wall time, the timestamp's seconds")
        .isEqualTo(Instant.ofEpochSecond(1_796_000_000L));
  }
}
