package io.continuity.server.security;

/** A token just issued, with its secret: the only time the secret is shown. */
public record IssuedApiToken(ApiToken token, String secret) {}
