package io.continuity.server.security;

import io.continuity.core.identity.Role;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * Users from configuration for every profile but {@code demo}. Refuses to start on an entry that
 * would silently lock someone out (blank name, duplicate, non-bcrypt hash, no roles).
 */
@Configuration(proxyBeanMethods = false)
@Profile("!demo")
class ConfiguredUsers {

  private static final Logger log = LoggerFactory.getLogger(ConfiguredUsers.class);
  private static final Pattern BCRYPT =
      Pattern.compile("^\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}$");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  private static final int MAX_EMAIL = 254;

  @Bean
  InMemoryUserDetailsManager userDetailsService(ContinuitySecurityProperties properties) {
    List<UserDetails> users = toUsers(properties.users());
    if (users.isEmpty()) {
      log.warn(
          "No users are configured: every request but /actuator/health will be refused. Add"
              + " continuity.security.users[0].username, .password-hash (bcrypt) and .roles, or"
              + " run with the demo profile.");
    } else {
      log.info("{} configured user(s) loaded", users.size());
    }
    return new InMemoryUserDetailsManager(users);
  }

  /** The configured users with their roles and e-mail addresses, for notifications. */
  @Bean
  UserDirectory userDirectory(ContinuitySecurityProperties properties, SsoUserRepository sso) {
    return new UserDirectory(directory(properties.users()).users(), sso::all);
  }

  static UserDirectory directory(List<ContinuitySecurityProperties.UserEntry> entries) {
    return new UserDirectory(
        entries.stream()
            .map(e -> new DirectoryUser(e.username(), e.roles(), Optional.ofNullable(e.email())))
            .toList());
  }

  static List<UserDetails> toUsers(List<ContinuitySecurityProperties.UserEntry> entries) {
    List<UserDetails> users = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      ContinuitySecurityProperties.UserEntry entry = entries.get(i);
      String at = "continuity.security.users[" + i + "]";
      if (entry.username() == null || entry.username().isBlank()) {
        throw new IllegalStateException(at + ".username is required");
      }
      if (!seen.add(entry.username())) {
        throw new IllegalStateException(
            at + ".username '" + entry.username() + "' is configured twice; keep one entry");
      }
      if (entry.passwordHash() == null || !BCRYPT.matcher(entry.passwordHash()).matches()) {
        throw new IllegalStateException(
            at
                + ".password-hash must be a bcrypt hash ($2a$/$2b$/$2y$...), for example from"
                + " `htpasswd -bnBC 12 \"\" <password> | tr -d ':\\n'`");
      }
      if (entry.roles().isEmpty()) {
        throw new IllegalStateException(
            at + ".roles must name at least one of " + List.of(Role.values()));
      }
      if (entry.email() != null
          && (entry.email().length() > MAX_EMAIL || !EMAIL.matcher(entry.email()).matches())) {
        throw new IllegalStateException(
            at
                + ".email '"
                + entry.email()
                + "' is not an e-mail address like name@example.com; fix it or leave it out");
      }
      users.add(
          User.withUsername(entry.username())
              .password(entry.passwordHash())
              .roles(entry.roles().stream().map(Enum::name).toArray(String[]::new))
              .build());
    }
    return users;
  }
}
