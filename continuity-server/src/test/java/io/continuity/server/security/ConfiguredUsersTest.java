package io.continuity.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.core.identity.Role;
import io.continuity.server.security.ContinuitySecurityProperties.UserEntry;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class ConfiguredUsersTest {

  static final String HASH = new BCryptPasswordEncoder(4).encode("pw");

  @Test
  void configuredUserGetsItsRolesAsAuthorities() {
    List<UserDetails> users =
        ConfiguredUsers.toUsers(List.of(new UserEntry("bob", HASH, Set.of(Role.APPROVER), null)));

    assertThat(users)
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.getUsername()).isEqualTo("bob");
              assertThat(u.getAuthorities())
                  .extracting(Object::toString)
                  .containsExactly("ROLE_APPROVER");
            });
  }

  @Test
  void noUsersMeansNobodyAndNoDefault() {
    assertThat(ConfiguredUsers.toUsers(List.of())).isEmpty();
  }

  @Test
  void plainTextPasswordIsRefusedNamingTheProperty() {
    List<UserEntry> entries = List.of(new UserEntry("bob", "secret", Set.of(Role.APPROVER), null));

    assertThatThrownBy(() -> ConfiguredUsers.toUsers(entries))
        .hasMessageContaining("continuity.security.users[0].password-hash must be a bcrypt hash")
        .hasMessageNotContaining("secret");
  }

  @Test
  void userWithoutRolesIsRefused() {
    assertThatThrownBy(
            () -> ConfiguredUsers.toUsers(List.of(new UserEntry("bob", HASH, null, null))))
        .hasMessageContaining("users[0].roles must name at least one of");
  }

  @Test
  void duplicateUserIsRefused() {
    UserEntry bob = new UserEntry("bob", HASH, Set.of(Role.APPROVER), null);

    assertThatThrownBy(() -> ConfiguredUsers.toUsers(List.of(bob, bob)))
        .hasMessageContaining("users[1].username 'bob' is configured twice");
  }

  @Test
  void malformedEmailIsRefusedNamingTheProperty() {
    UserEntry bob = new UserEntry("bob", HASH, Set.of(Role.APPROVER), "bob at example");

    assertThatThrownBy(() -> ConfiguredUsers.toUsers(List.of(bob)))
        .hasMessageContaining("continuity.security.users[0].email 'bob at example'");
  }

  @Test
  void directoryListsRolesAndOptionalEmails() {
    UserDirectory directory =
        ConfiguredUsers.directory(
            List.of(
                new UserEntry("bob", HASH, Set.of(Role.APPROVER), " bob@example.com "),
                new UserEntry("dave", HASH, Set.of(Role.VIEWER), null)));

    assertThat(directory.withRole(Role.APPROVER))
        .extracting(DirectoryUser::username)
        .containsExactly("bob");
    assertThat(directory.find("bob"))
        .get()
        .extracting(u -> u.email().orElseThrow())
        .isEqualTo("bob@example.com");
    assertThat(directory.find("dave").orElseThrow().email()).isEmpty();
    assertThat(directory.find("nobody")).isEmpty();
  }
}
