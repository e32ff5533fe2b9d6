package io.continuity.connector.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingsReaderTest {

  enum Mode {
    READ_ONLY,
    STOP_ACTION
  }

  @Test
  void durationsReadTheInventoryGrammarPlainSecondsAndIso() {
    SettingsReader reader =
        SettingsReader.of(
            Map.of(
                "a", "500ms", "b", "30s", "c", "2m", "d", "1h", "e", "1d", "f", "7", "g", "PT3S"));

    assertThat(reader.duration("a", "1s")).isEqualTo(Duration.ofMillis(500));
    assertThat(reader.duration("b", "1s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(reader.duration("c", "1s")).isEqualTo(Duration.ofMinutes(2));
    assertThat(reader.duration("d", "1s")).isEqualTo(Duration.ofHours(1));
    assertThat(reader.duration("e", "1s")).isEqualTo(Duration.ofDays(1));
    assertThat(reader.duration("f", "1s")).isEqualTo(Duration.ofSeconds(7));
    assertThat(reader.duration("g", "1s")).isEqualTo(Duration.ofSeconds(3));
    assertThat(reader.duration("missing", "5s")).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void aBadOrNonPositiveDurationNamesTheSettingWithThePrefix() {
    SettingsReader reader = SettingsReader.of("site east: ", Map.of("t", "30 sec", "z", "0s"));

    assertThatThrownBy(() -> reader.duration("t", "1s"))
        .hasMessage("site east: setting 't' must be a duration such as 500ms, 30s or 2m");
    assertThatThrownBy(() -> reader.duration("z", "1s")).hasMessageContaining("positive");
  }

  @Test
  void sizesReadDecimalAndBinaryUnits() {
    SettingsReader reader =
        SettingsReader.of(Map.of("a", "16MB", "b", "16MiB", "c", "1048576", "d", "1TB", "e", "x"));

    assertThat(reader.size("a", "0")).isEqualTo(16_000_000L);
    assertThat(reader.size("b", "0")).isEqualTo(16L << 20);
    assertThat(reader.size("c", "0")).isEqualTo(1_048_576L);
    assertThat(reader.size("d", "0")).isEqualTo(1_000_000_000_000L);
    assertThatThrownBy(() -> reader.size("e", "0")).hasMessageContaining("setting 'e'");
  }

  @Test
  void booleansEnumsIntegersAndRequiredKeysSayWhatToWrite() {
    SettingsReader reader =
        SettingsReader.of(
            Map.of("on", "TRUE", "bad", "yes", "mode", "stop-action", "n", "70000", "x", "ok"));

    assertThat(reader.bool("on", false)).isTrue();
    assertThatThrownBy(() -> reader.bool("bad", false)).hasMessageContaining("true or false");
    assertThat(reader.enumValue("mode", Mode.class, Mode.READ_ONLY)).isEqualTo(Mode.STOP_ACTION);
    assertThatThrownBy(() -> reader.enumValue("on", Mode.class, Mode.READ_ONLY))
        .hasMessageContaining("read_only, stop_action");
    assertThatThrownBy(() -> reader.integer("n", 5432, 1, 65535))
        .hasMessageContaining("from 1 to 65535");
    assertThat(reader.required("x", "the replica set name")).isEqualTo("ok");
    assertThatThrownBy(() -> reader.required("replicaSet", "the replica set name"))
        .hasMessage("setting 'replicaSet' is required: the replica set name");
  }

  @Test
  void unknownKeysAreRefusedNamingTheKnownOnes() {
    SettingsReader reader = SettingsReader.of(Map.of("user", "u", "usr", "u"));

    assertThatThrownBy(() -> reader.onlyKeys(Set.of("user", "database")))
        .hasMessage("unknown setting 'usr': known are [database, user]");
  }
}
