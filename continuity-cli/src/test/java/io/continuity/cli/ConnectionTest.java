package io.continuity.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionTest {

  @TempDir Path dir;

  @Test
  void theOptionWinsOverTheEnvironmentWhichWinsOverTheLogin() {
    TokenStore store = new TokenStore(dir.resolve("token"));
    store.write("https://stored.example.com", "ct_stored");

    assertThat(Connection.resolve(null, Map.of(), store).server())
        .isEqualTo("https://stored.example.com");
    assertThat(
            Connection.resolve(null, Map.of("CONTINUITY_URL", "https://env.example.com/"), store)
                .server())
        .isEqualTo("https://env.example.com");
    assertThat(
            Connection.resolve(
                    "http://opt:9000", Map.of("CONTINUITY_URL", "https://env.example.com"), store)
                .server())
        .isEqualTo("http://opt:9000");
  }

  @Test
  void theStoredTokenGoesOnlyToTheServerThatIssuedIt() {
    TokenStore store = new TokenStore(dir.resolve("token"));
    store.write("https://a.example.com", "ct_a");

    assertThat(Connection.resolve("https://a.example.com", Map.of(), store).token())
        .contains("ct_a");
    assertThat(Connection.resolve("https://b.example.com", Map.of(), store).token()).isEmpty();
    assertThat(
            Connection.resolve("https://b.example.com", Map.of("CONTINUITY_TOKEN", "ct_env"), store)
                .token())
        .isEqualTo(Optional.of("ct_env"));
  }

  @Test
  void theTokenFileIsReadableByItsOwnerOnly() throws Exception {
    TokenStore store = TokenStore.forUser(Map.of("XDG_CONFIG_HOME", dir.toString()));
    store.write("http://localhost:8080", "ct_secret");

    assertThat(store.file()).isEqualTo(dir.resolve("continuity/token"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
        .isEqualTo("rw-------");
    assertThat(store.read()).contains(new TokenStore.Stored("http://localhost:8080", "ct_secret"));
  }

  @Test
  void aServerThatIsNotAUrlIsRefusedWithWhatToWrite() {
    assertThatThrownBy(
            () ->
                Connection.resolve(
                    "continuity.example.com", Map.of(), new TokenStore(dir.resolve("t"))))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("use http://host:port or https://host");
  }
}
