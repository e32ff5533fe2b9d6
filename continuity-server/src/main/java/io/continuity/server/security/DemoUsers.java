package io.continuity.server.security;

import io.continuity.core.identity.Role;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The fixed demo users (profile {@code demo} only), all sharing one password: {@code
 * CONTINUITY_DEMO_PASSWORD} when set, otherwise a random one. The users and, when generated, the
 * password are printed once when the server is ready; a password given by the operator is never
 * printed.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
class DemoUsers {

  static final String BANNER_TITLE = "Continuity DEMO mode";
  static final Map<String, Role> USERS = demoUsers();
  static final String EMAIL_DOMAIN = "demo.continuity.invalid";

  private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

  private final String password;
  private final boolean generated;

  DemoUsers(@Value("${continuity.demo.password:}") String configuredPassword) {
    this.generated = configuredPassword.isBlank();
    this.password = generated ? randomPassword() : configuredPassword;
  }

  @Bean
  UserDetailsService userDetailsService(PasswordEncoder encoder) {
    return new DemoUserDetails(USERS, () -> encoder.encode(password));
  }

  /** The demo users with addresses in the reserved {@code .invalid} domain, for notifications. */
  @Bean
  UserDirectory userDirectory(SsoUserRepository sso) {
    return new UserDirectory(
        USERS.entrySet().stream()
            .map(
                e ->
                    new DirectoryUser(
                        e.getKey(), Set.of(e.getValue()), Optional.of(emailOf(e.getKey()))))
            .toList(),
        sso::all);
  }

  /** The demo user's e-mail address, for example {@code alice@demo.continuity.invalid}. */
  static String emailOf(String user) {
    return user + "@" + EMAIL_DOMAIN;
  }

  /** The demo users and roles (never the password), for the login page. */
  @Bean
  DemoAccounts demoAccounts() {
    return new DemoAccounts(new LinkedHashMap<>(USERS));
  }

  @EventListener
  void printBanner(ApplicationReadyEvent ready) {
    String port = ready.getApplicationContext().getEnvironment().getProperty("local.server.port");
    StringBuilder banner = new StringBuilder("\n").append("=".repeat(64)).append('\n');
    banner.append(' ').append(BANNER_TITLE).append(": built-in users, never use in production\n");
    USERS.forEach((user, role) -> banner.append(String.format("   %-7s %s%n", user, role.name())));
    banner
        .append(" Password (all users): ")
        .append(generated ? password : "(as set in CONTINUITY_DEMO_PASSWORD)")
        .append('\n');
    if (port != null) {
      String base = "http://localhost:" + port;
      banner
          .append(" Open ")
          .append(base)
          .append("/  (API: ")
          .append(base)
          .append("/swagger-ui.html)\n");
    }
    banner.append("=".repeat(64));
    log.info("{}", banner);
  }

  private static Map<String, Role> demoUsers() {
    Map<String, Role> users = new LinkedHashMap<>();
    users.put("alice", Role.OPERATOR);
    users.put("bob", Role.APPROVER);
    users.put("carol", Role.APPROVER);
    users.put("dave", Role.VIEWER);
    users.put("erin", Role.BREAK_GLASS);
    users.put("admin", Role.ADMIN);
    return Collections.unmodifiableMap(users);
  }

  private static String randomPassword() {
    SecureRandom random = new SecureRandom();
    StringBuilder out = new StringBuilder(20);
    for (int i = 0; i < 20; i++) {
      out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return out.toString();
  }
}
