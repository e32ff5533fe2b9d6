package io.continuity.connector.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlatformTest {

  @Test
  void wellKnownPlatformsParseCaseInsensitively() {
    assertThat(Platform.of("postgresql")).isEqualTo(Platform.POSTGRESQL);
    assertThat(Platform.of(" SqlServer ")).isEqualTo(Platform.SQLSERVER);
  }

  @Test
  void platformsAreOpenForNewConnectors() {
    assertThat(Platform.of("mariadb").name()).isEqualTo("MARIADB");
  }

  @Test
  void malformedPlatformNameIsRejectedWithTheExpectedForm() {
    assertThatThrownBy(() -> Platform.of("my db")).hasMessageContaining("upper case letters");
  }
}
