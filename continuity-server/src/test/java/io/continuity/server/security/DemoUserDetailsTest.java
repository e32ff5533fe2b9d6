package io.continuity.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.core.identity.Role;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class DemoUserDetailsTest {

  private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(4);
  private final AtomicInteger hashes = new AtomicInteger();
  private final DemoUserDetails users =
      new DemoUserDetails(
          Map.of("alice", Role.OPERATOR, "dave", Role.VIEWER),
          () -> {
            hashes.incrementAndGet();
            return encoder.encode("s3cret-demo");
          });

  @Test
  void thePasswordIsHashedAtTheFirstSignInNotBefore() {
    assertThat(hashes).hasValue(0);

    UserDetails alice = users.loadUserByUsername("alice");

    assertThat(hashes).hasValue(1);
    assertThat(encoder.matches("s3cret-demo", alice.getPassword())).isTrue();
    assertThat(encoder.matches("wrong", alice.getPassword())).isFalse();
  }

  @Test
  void everyDemoUserSharesTheOneHashMadeOnce() {
    UserDetails alice = users.loadUserByUsername("alice");
    UserDetails dave = users.loadUserByUsername("dave");
    users.loadUserByUsername("alice");

    assertThat(hashes).hasValue(1);
    assertThat(dave.getPassword()).isEqualTo(alice.getPassword());
  }

  @Test
  void eachUserHasItsOwnRole() {
    assertThat(users.loadUserByUsername("alice").getAuthorities())
        .extracting(GrantedAuthority::getAuthority)
        .containsExactly("ROLE_OPERATOR");
    assertThat(users.loadUserByUsername("dave").getAuthorities())
        .extracting(GrantedAuthority::getAuthority)
        .containsExactly("ROLE_VIEWER");
  }

  @Test
  void aNameMatchesWhateverItsCaseAndSignsInAsItsOwnName() {
    UserDetails alice = users.loadUserByUsername("Alice");

    assertThat(alice.getUsername()).isEqualTo("alice");
    assertThat(alice.getAuthorities())
        .extracting(GrantedAuthority::getAuthority)
        .containsExactly("ROLE_OPERATOR");
  }

  @Test
  void anUnknownNameIsNotFoundAndCostsNoHash() {
    assertThatThrownBy(() -> users.loadUserByUsername("mallory"))
        .isInstanceOf(UsernameNotFoundException.class);
    assertThat(hashes).hasValue(0);
  }
}
