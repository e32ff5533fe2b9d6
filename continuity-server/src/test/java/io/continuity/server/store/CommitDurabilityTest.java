package io.continuity.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommitDurabilityTest {

  @Test
  void anEmbeddedStoreThatWritesCommitsLateIsRefusedNamingTheFix() {
    Optional<String> refusal = CommitDurability.refusal("H2", Optional.of(500), true);

    assertThat(refusal)
        .hasValueSatisfying(
            text ->
                assertThat(text)
                    .contains("WRITE_DELAY=500")
                    .contains(";WRITE_DELAY=0")
                    .contains("continuity.store.allow-delayed-commits"));
  }

  @Test
  void anEmbeddedStoreThatWritesAtCommitIsAccepted() {
    assertThat(CommitDurability.refusal("H2", Optional.of(0), true)).isEmpty();
  }

  @Test
  void anEmbeddedStoreThatDoesNotSayHowItWritesIsRefused() {
    assertThat(CommitDurability.refusal("H2", Optional.empty(), true)).isPresent();
  }

  @Test
  void aStoreKeptOnlyInMemoryOrOnPostgresqlIsNotJudgedByH2Settings() {
    assertThat(CommitDurability.refusal("H2", Optional.of(500), false)).isEmpty();
    assertThat(CommitDurability.refusal("PostgreSQL", Optional.empty(), true)).isEmpty();
  }
}
