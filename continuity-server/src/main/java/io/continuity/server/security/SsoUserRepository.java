package io.continuity.server.security;

import io.continuity.core.identity.Role;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * People who signed in through single sign-on ({@code sso_user}), with the roles and e-mail their
 * last sign-in gave them. The user directory includes them, so notifications reach an SSO approver
 * and an SSO user's API tokens act with their roles as of their last sign-in.
 */
@Repository
public class SsoUserRepository {

  private final JdbcClient jdbc;

  SsoUserRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Records a sign-in: the user's roles and e-mail now. */
  void signedIn(String username, Set<Role> roles, Optional<String> email, Instant at) {
    String names = roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
    int updated =
        jdbc.sql(
                "update sso_user set roles = :roles, email = :email, last_login_at = :at where"
                    + " username = :username")
            .param("roles", names)
            .param("email", email.orElse(null))
            .param("at", java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC))
            .param("username", username)
            .update();
    if (updated == 0) {
      jdbc.sql(
              "insert into sso_user (username, roles, email, last_login_at) values (:username,"
                  + " :roles, :email, :at)")
          .param("username", username)
          .param("roles", names)
          .param("email", email.orElse(null))
          .param("at", java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC))
          .update();
    }
  }

  /** Everyone who ever signed in through SSO, by name. */
  List<DirectoryUser> all() {
    return jdbc.sql("select username, roles, email from sso_user order by username")
        .query(
            (rs, row) ->
                new DirectoryUser(
                    rs.getString("username"),
                    roles(rs.getString("roles")),
                    Optional.ofNullable(rs.getString("email"))))
        .list();
  }

  private static Set<Role> roles(String names) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    if (names != null && !names.isBlank()) {
      Arrays.stream(names.split(",")).map(String::strip).map(Role::valueOf).forEach(roles::add);
    }
    return roles;
  }
}
