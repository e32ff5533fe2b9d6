package io.continuity.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code login}: asks for user and password, issues a personal API token ({@code POST
 * /api/v1/tokens}) and stores it, readable by the user only, in the config directory. The password
 * is sent once and never stored.
 */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    description =
        "Sign in with user and password, or through the browser when the server uses single"
            + " sign-on, and store a personal API token (0600).")
final class LoginCommand extends ApiCommand {

  @Option(names = "--user", paramLabel = "NAME", description = "User name (asked when missing).")
  String user;

  @Option(
      names = "--sso",
      description = "Sign in through the browser (single sign-on) even when passwords are allowed.")
  boolean sso;

  @Option(
      names = "--days",
      defaultValue = "30",
      description = "How long the token lives, 1 to 366 days (default ${DEFAULT-VALUE}).")
  int days;

  @Override
  public Integer call() {
    if (days < 1 || days > 366) {
      throw new CliException("--days must be 1 to 366");
    }
    Connection connection =
        Connection.resolve(root().server, root().env(), TokenStore.forUser(root().env()));
    if (sso && user != null) {
      throw new CliException("--sso and --user cannot be combined: choose one way to sign in");
    }
    if (sso || (user == null && !passwordAllowed(connection))) {
      return ssoLogin(connection);
    }
    String name = user;
    if (name == null || name.isBlank()) {
      name = terminal().ask("User: ").orElse("");
    }
    if (name.isBlank()) {
      throw new CliException("no user name given");
    }
    char[] password =
        terminal()
            .askPassword("Password for " + name + " at " + connection.server() + ": ")
            .orElseThrow(() -> new CliException("no password given"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", "continuity CLI on " + host());
    body.put("expiresInDays", days);
    JsonNode issued;
    try {
      issued = new ApiClient(connection).withPassword(name, password).post("/api/v1/tokens", body);
    } finally {
      Arrays.fill(password, '\0');
    }
    String token = issued.path("token").asText("");
    if (token.isEmpty()) {
      throw new CliException("the server issued no token");
    }
    TokenStore store = TokenStore.forUser(root().env());
    store.write(connection.server(), token);
    println(
        "signed in as "
            + name
            + " at "
            + connection.server()
            + "; token stored in "
            + store.file()
            + " (expires in "
            + days
            + " days)");
    return 0;
  }

  /** Whether the server takes passwords ({@code GET /api/v1/auth/methods}); yes when unknown. */
  private static boolean passwordAllowed(Connection connection) {
    try {
      return anonymous(connection).get("/api/v1/auth/methods").path("password").asBoolean(true);
    } catch (CliException e) {
      return true;
    }
  }

  private static ApiClient anonymous(Connection connection) {
    return new ApiClient(new Connection(connection.server(), java.util.Optional.empty()));
  }

  private Integer ssoLogin(Connection connection) {
    String token =
        new SsoLogin(anonymous(connection), this::println, java.time.Duration.ofMinutes(5))
            .run(days);
    TokenStore store = TokenStore.forUser(root().env());
    store.write(connection.server(), token);
    println(
        "signed in through the browser at "
            + connection.server()
            + "; token stored in "
            + store.file()
            + " (expires in "
            + days
            + " days)");
    return 0;
  }

  private static String host() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "this host";
    }
  }
}
