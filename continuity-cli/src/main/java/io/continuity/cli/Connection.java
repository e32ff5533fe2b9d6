package io.continuity.cli;

import java.util.Map;
import java.util.Optional;

/**
 * Where the server is and how to authenticate: {@code --server}, else {@code CONTINUITY_URL}, else
 * the server of the stored login, else {@code http://localhost:8080}; the token from {@code
 * CONTINUITY_TOKEN}, else the stored one when it was issued by that same server.
 */
public record Connection(String server, Optional<String> token) {

  static final String DEFAULT_SERVER = "http://localhost:8080";

  public static Connection resolve(String serverOption, Map<String, String> env, TokenStore store) {
    Optional<TokenStore.Stored> stored = store.read();
    String server = serverOption;
    if (blank(server)) {
      server = env.get("CONTINUITY_URL");
    }
    if (blank(server)) {
      server = stored.map(TokenStore.Stored::server).orElse(null);
    }
    if (blank(server)) {
      server = DEFAULT_SERVER;
    }
    server = server.strip().replaceAll("/+$", "");
    if (!server.startsWith("http://") && !server.startsWith("https://")) {
      throw new CliException(
          "server '" + server + "' is not a URL: use http://host:port or https://host");
    }
    Optional<String> token =
        Optional.ofNullable(env.get("CONTINUITY_TOKEN")).filter(t -> !blank(t));
    if (token.isEmpty()) {
      // A stored token is sent only to the server that issued it.
      String target = server;
      token = stored.filter(s -> target.equals(s.server())).map(TokenStore.Stored::token);
    }
    return new Connection(server, token);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
