package io.continuity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code login --sso} against a stand-in server that plays the server's part of the browser sign-in
 * (the real server's part is tested in Chromium by the server's CliSsoLoginIT): the CLI listens on
 * 127.0.0.1, sends the "browser" with state and PKCE challenge, checks the state that comes back,
 * exchanges code and verifier and stores the token 0600.
 */
class SsoLoginTest {

  @TempDir Path config;
  HttpServer server;
  final AtomicReference<String> challenge = new AtomicReference<>();
  final AtomicReference<String> stateToReturn = new AtomicReference<>();
  boolean passwords = false;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/api/v1/auth/methods",
        ex ->
            send(
                ex,
                200,
                "{\"password\":"
                    + passwords
                    + ",\"sso\":[{\"registrationId\":\"corp\",\"name\":\"Corp\"}]}"));
    server.createContext(
        "/cli/login",
        ex -> {
          Map<String, String> q = SsoLogin.query(ex.getRequestURI().getRawQuery());
          assertThat(q.get("code_challenge_method")).isEqualTo("S256");
          challenge.set(q.get("code_challenge"));
          String state = stateToReturn.get() == null ? q.get("state") : stateToReturn.get();
          ex.getResponseHeaders()
              .set(
                  "Location",
                  "http://127.0.0.1:"
                      + q.get("redirect_port")
                      + "/callback?code=one-time&state="
                      + state);
          ex.sendResponseHeaders(302, -1);
          ex.close();
        });
    server.createContext(
        "/api/v1/tokens/cli-exchange",
        ex -> {
          String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          String verifier = body.replaceAll(".*\"code_verifier\":\"([^\"]+)\".*", "$1");
          if (body.contains("\"code\":\"one-time\"")
              && SsoLogin.challenge(verifier).equals(challenge.get())) {
            send(ex, 201, "{\"token\":\"ct_issued_token\"}");
          } else {
            ex.getResponseHeaders().set("Content-Type", "application/problem+json");
            send(ex, 400, "{\"detail\":\"code_verifier does not match\"}");
          }
        });
    server.start();
    HttpClient browser =
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.ALWAYS).build();
    SsoLogin.browserHook =
        url -> {
          try {
            browser.send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
          } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
          }
        };
  }

  @AfterEach
  void stop() {
    SsoLogin.browserHook = null;
    server.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (!ex.getResponseHeaders().containsKey("Content-Type")) {
      ex.getResponseHeaders().set("Content-Type", "application/json");
    }
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  @Test
  void withoutPasswordsTheServerIsSignedInToThroughTheBrowserAndTheTokenStored0600()
      throws IOException {
    CliRun run =
        CliRun.run(Map.of("XDG_CONFIG_HOME", config.toString()), "login", "--server", url());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("/cli/login?redirect_port=").contains("signed in through");
    Path token = config.resolve("continuity").resolve("token");
    assertThat(Files.readString(token)).contains("ct_issued_token");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token)))
        .isEqualTo("rw-------");
  }

  @Test
  void aCallbackWithAnotherStateIsRefused() {
    stateToReturn.set("someone-elses-state");
    CliRun run =
        CliRun.run(
            Map.of("XDG_CONFIG_HOME", config.toString()), "login", "--sso", "--server", url());

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("different state");
    assertThat(config.resolve("continuity").resolve("token")).doesNotExist();
  }

  @Test
  void ssoAndUserCannotBeCombined() {
    passwords = true;
    CliRun run =
        CliRun.run(
            Map.of("XDG_CONFIG_HOME", config.toString()),
            "login",
            "--sso",
            "--user",
            "alice",
            "--server",
            url());
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("--sso and --user cannot be combined");
  }
}
