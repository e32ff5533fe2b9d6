package io.continuity.lab.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.lab.PostgresBinaries;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class LabAssumptionsTest {

  @Test
  void missingBinariesSkipWithWhatToInstall() {
    assertThatThrownBy(() -> LabAssumptions.postgresBinaries(Optional.empty(), Map.of()))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("apt-get install postgresql");
  }

  @Test
  void missingBinariesFailWhenRealServersAreRequired() {
    Map<String, String> ci = Map.of(LabAssumptions.REQUIRE_REAL_SERVERS, "1");

    assertThatThrownBy(() -> LabAssumptions.postgresBinaries(Optional.empty(), ci))
        .isInstanceOf(IllegalStateException.class)
        .isNotInstanceOf(TestAbortedException.class)
        .hasMessageContaining("apt-get install postgresql");
  }

  @Test
  void foundBinariesAreHandedBack() {
    PostgresBinaries found = new PostgresBinaries(Path.of("/opt/pg/bin"));

    assertThat(LabAssumptions.postgresBinaries(Optional.of(found), Map.of())).isSameAs(found);
  }
}
