package io.continuity.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnitsTest {

  @Test
  void readsDurationsInEveryUnit() {
    assertThat(Units.duration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Units.duration("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Units.duration("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Units.duration("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Units.duration("2d")).isEqualTo(Duration.ofDays(2));
    assertThat(Units.duration("10 S")).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void refusesDurationsWithoutAUnitOrWithFractions() {
    for (String text : new String[] {"30", "1.5h", "PT30S", "-5s", "1h30m", ""}) {
      assertThatThrownBy(() -> Units.duration(text))
          .as(text)
          .hasMessageContaining("is not a duration")
          .hasMessageContaining("for example 500ms, 30s, 5m, 1h");
    }
  }

  @Test
  void readsSizesInDecimalAndBinaryUnits() {
    assertThat(Units.bytes("512")).isEqualTo(512);
    assertThat(Units.bytes("512B")).isEqualTo(512);
    assertThat(Units.bytes("16MB")).isEqualTo(16_000_000L);
    assertThat(Units.bytes("16MiB")).isEqualTo(16L * 1024 * 1024);
    assertThat(Units.bytes("1GiB")).isEqualTo(1L << 30);
    assertThat(Units.bytes("2 kb")).isEqualTo(2000);
    assertThat(Units.bytes("1TB")).isEqualTo(1_000_000_000_000L);
  }

  @Test
  void refusesMalformedAndOverflowingSizes() {
    assertThatThrownBy(() -> Units.bytes("16 megs")).hasMessageContaining("is not a size");
    assertThatThrownBy(() -> Units.bytes("1.5GB")).hasMessageContaining("is not a size");
    assertThatThrownBy(() -> Units.bytes("999999999999999TiB")).hasMessageContaining("too large");
  }
}
