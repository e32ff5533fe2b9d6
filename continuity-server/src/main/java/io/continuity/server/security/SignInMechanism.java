package io.continuity.server.security;

/** How someone tried to sign in: the login form, HTTP Basic, or a personal API token. */
public enum SignInMechanism {
  FORM,
  BASIC,
  API_TOKEN
}
