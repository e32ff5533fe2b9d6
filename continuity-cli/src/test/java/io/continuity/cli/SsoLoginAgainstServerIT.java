package io.continuity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code login --sso} against the real server jar: the "browser" is an HTTP client signed in as
 * alice (HTTP Basic, the server's own sign-in), which opens the printed address, confirms with the
 * page's POST and follows the redirect to the CLI's loopback listener. The stored token then reads
 * {@code /api/v1/status}. (The browser page itself, single sign-on included, is tested in Chromium
 * by the server's CliSsoLoginIT.)
 */
class SsoLoginAgainstServerIT {

  @TempDir static Path dir;
  @TempDir Path config;
  static DemoServer server;

  @BeforeAll
  static void start() throws Exception {
    server = DemoServer.start(dir);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @AfterEach
  void unhook() {
    SsoLogin.browserHook = null;
  }

  @Test
  void theCliStoresAWorkingTokenFromTheBrowserSignIn() throws Exception {
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("alice:" + DemoServer.PASSWORD).getBytes(StandardCharsets.UTF_8));
    HttpClient browser =
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.ALWAYS).build();
    SsoLogin.browserHook =
        url -> {
          try {
            String page =
                browser
                    .send(
                        HttpRequest.newBuilder(URI.create(url))
                            .header("Authorization", basic)
                            .build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(page).contains("Issue a token for the command line");
            StringBuilder form = new StringBuilder();
            Matcher hidden =
                Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")
                    .matcher(page);
            while (hidden.find()) {
              form.append(form.isEmpty() ? "" : "&")
                  .append(hidden.group(1))
                  .append('=')
                  .append(hidden.group(2));
            }
            HttpResponse<String> closed =
                browser.send(
                    HttpRequest.newBuilder(URI.create(server.url() + "/cli/login"))
                        .header("Authorization", basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(closed.body()).contains("You can close this window");
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        };

    Map<String, String> env = Map.of("XDG_CONFIG_HOME", config.toString());
    CliRun login = CliRun.run(env, "login", "--sso", "--server", server.url());
    assertThat(login.exitCode()).as(login.err()).isZero();
    assertThat(login.out()).contains("signed in through the browser");

    CliRun status = CliRun.run(env, "status", "--server", server.url());
    // 0 to 2 say how the estate is; 3 would be a server that could not be read (401 included)
    assertThat(status.exitCode()).as(status.err()).isLessThan(3);
    String token =
        new TokenStore(config.resolve("continuity").resolve("token")).read().orElseThrow().token();
    HttpResponse<String> api =
        browser.send(
            HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/status"))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(api.statusCode()).isEqualTo(200);
  }
}
