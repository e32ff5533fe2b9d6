package io.continuity.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LsnTest {

  @Test
  void parsesAndSpellsThePostgresWay() {
    Lsn lsn = Lsn.parse("16/B374D848");

    assertThat(lsn.value()).isEqualTo((0x16L << 32) | 0xB374D848L);
    assertThat(lsn).hasToString("16/B374D848");
    assertThat(lsn.marker().kind()).isEqualTo("WAL_LSN");
    assertThat(lsn.marker().position().longValue()).isEqualTo(lsn.value());
  }

  @Test
  void bytesAfterIsTheWalBetweenTwoPositionsAndNeverNegative() {
    Lsn earlier = Lsn.parse("0/3000000");
    Lsn later = Lsn.parse("1/0");

    assertThat(later.bytesAfter(earlier)).isEqualTo(0x100000000L - 0x3000000L);
    assertThat(earlier.bytesAfter(later)).isZero();
  }

  @Test
  void refusesTextThatIsNotAnLsn() {
    assertThatThrownBy(() -> Lsn.parse("3000148")).hasMessageContaining("0/3000148");
    assertThatThrownBy(() -> Lsn.parse("0/XYZ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Lsn.parse("100000000/0")).isInstanceOf(IllegalArgumentException.class);
  }
}
