package io.continuity.server.security;

import io.continuity.core.identity.Role;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The built-in demo users and their roles (profile {@code demo} only), for the login page to list.
 * Never carries a password. Keeps the configured order.
 */
public record DemoAccounts(Map<String, Role> users) {

  public DemoAccounts {
    users = Collections.unmodifiableMap(new LinkedHashMap<>(users));
  }
}
