package io.continuity.connector.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class ReplicationMarkerTest {

  private static ReplicationMarker lsn(long position) {
    return ReplicationMarker.of(
        Platform.POSTGRESQL, "WAL_LSN", Long.toHexString(position), position);
  }

  @Test
  void markersOfOnePlatformAndKindAreOrderedByPosition() {
    assertThat(lsn(100)).isLessThan(lsn(200));
    assertThat(lsn(200).hasReached(lsn(200))).isTrue();
    assertThat(lsn(199).hasReached(lsn(200))).isFalse();
    assertThat(lsn(100).distanceTo(lsn(250))).isEqualTo(BigInteger.valueOf(150));
    assertThat(lsn(300).distanceTo(lsn(250))).isEqualTo(BigInteger.ZERO);
  }

  @Test
  void markersOfDifferentPlatformsCannotBeCompared() {
    ReplicationMarker optime = ReplicationMarker.of(Platform.MONGODB, "OPTIME", "1700000000:1", 5);

    assertThatThrownBy(() -> lsn(5).compareTo(optime))
        .isInstanceOf(IncomparableMarkersException.class)
        .hasMessageContaining("POSTGRESQL/WAL_LSN")
        .hasMessageContaining("MONGODB/OPTIME");
  }

  @Test
  void markersOfDifferentKindsOnOnePlatformCannotBeCompared() {
    ReplicationMarker flush = ReplicationMarker.of(Platform.POSTGRESQL, "FLUSH_LSN", "0/1", 1);

    assertThat(lsn(1).isComparableWith(flush)).isFalse();
    assertThatThrownBy(() -> lsn(1).hasReached(flush))
        .isInstanceOf(IncomparableMarkersException.class);
  }

  @Test
  void negativePositionIsRejected() {
    assertThatThrownBy(() -> ReplicationMarker.of(Platform.POSTGRESQL, "WAL_LSN", "x", -1))
        .hasMessageContaining("cannot be negative");
  }

  @Test
  void probeResultRefusesMarkersThatCannotBeCompared() {
    ProbeResult.Builder builder =
        ProbeResult.builder(java.time.Instant.EPOCH)
            .primaryMarker(lsn(1))
            .drMarker(ReplicationMarker.of(Platform.MONGODB, "OPTIME", "1:1", 1));

    assertThatThrownBy(builder::build).isInstanceOf(IncomparableMarkersException.class);
  }
}
