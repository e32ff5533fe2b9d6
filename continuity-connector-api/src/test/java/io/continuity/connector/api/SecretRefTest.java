package io.continuity.connector.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretRefTest {

  @Test
  void referencesParseFromEnvAndFileForms() {
    assertThat(SecretRef.parse("env:PG_PASSWORD"))
        .isEqualTo(new SecretRef(SecretRef.Source.ENV, "PG_PASSWORD"));
    assertThat(SecretRef.parse("file:/run/secrets/pg").source()).isEqualTo(SecretRef.Source.FILE);
  }

  @Test
  void literalSecretIsRefusedWithoutEchoingIt() {
    assertThatThrownBy(() -> SecretRef.parse("hunter2"))
        .hasMessageContaining("env:")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void resolverReadsEnvironmentAndFilesAndNamesMissingOnesWithoutValues(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("pw");
    Files.writeString(file, "from-file\n");
    EnvironmentSecretResolver resolver = new EnvironmentSecretResolver(Map.of("PW", "from-env"));

    assertThat(resolver.resolve(SecretRef.parse("env:PW"))).isEqualTo("from-env");
    assertThat(resolver.resolve(SecretRef.parse("file:" + file))).isEqualTo("from-file");
    assertThatThrownBy(() -> resolver.resolve(SecretRef.parse("env:MISSING")))
        .isInstanceOf(SecretUnavailableException.class)
        .hasMessageContaining("env:MISSING");
  }

  @Test
  void connectorConfigRefusesCredentialLookingSettings() {
    assertThatThrownBy(
            () ->
                new ConnectorConfig(
                    "r",
                    Platform.SIMULATED,
                    List.of(),
                    Map.of("password", "x"),
                    Map.of(),
                    new EnvironmentSecretResolver(Map.of())))
        .hasMessageContaining("secret reference");
  }
}
