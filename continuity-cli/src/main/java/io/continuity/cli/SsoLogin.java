package io.continuity.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The browser sign-in of {@code login --sso} (RFC 8252 loopback flow): listens on 127.0.0.1 on a
 * random port, sends the browser to the server's {@code /cli/login} page with a state and a PKCE
 * S256 challenge, waits for the callback with a one-time code, checks the state and exchanges code
 * and verifier for a personal API token ({@code POST /api/v1/tokens/cli-exchange}).
 */
final class SsoLogin {

  /** Tests replace the browser with this hook; {@code null} opens the desktop browser. */
  static volatile Consumer<String> browserHook;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final ApiClient anonymous;
  private final Consumer<String> print;
  private final Duration timeout;

  SsoLogin(ApiClient anonymous, Consumer<String> print, Duration timeout) {
    this.anonymous = anonymous;
    this.print = print;
    this.timeout = timeout;
  }

  /** Runs the browser sign-in and answers the token issued. */
  String run(int days) {
    String verifier = randomString(48);
    String state = randomString(24);
    CompletableFuture<Map<String, String>> callback = new CompletableFuture<>();
    HttpServer listener;
    try {
      listener = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new CliException("cannot listen on 127.0.0.1 for the browser sign-in: " + e);
    }
    listener.createContext(
        "/callback",
        exchange -> {
          Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
          boolean ok = state.equals(query.get("state")) && query.containsKey("code");
          answer(
              exchange,
              ok
                  ? "Signed in: the command line has its token. You can close this window."
                  : "This sign-in does not match the one the command line started; it was"
                      + " ignored. You can close this window.");
          if (ok) {
            callback.complete(query);
          } else if (query.containsKey("state")) {
            callback.completeExceptionally(
                new CliException("the browser answered with a different state: refused"));
          }
        });
    listener.start();
    try {
      int port = listener.getAddress().getPort();
      String url =
          anonymous.server().replaceAll("/+$", "")
              + "/cli/login?redirect_port="
              + port
              + "&state="
              + state
              + "&code_challenge="
              + challenge(verifier)
              + "&code_challenge_method=S256";
      print.accept("Open this address in a browser to sign in (opening it for you):");
      print.accept("  " + url);
      open(url);
      Map<String, String> answered;
      try {
        answered = callback.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        throw new CliException("no browser sign-in within " + timeout.toMinutes() + " minutes");
      } catch (ExecutionException e) {
        throw e.getCause() instanceof CliException c
            ? c
            : new CliException(e.getCause().toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliException("interrupted while waiting for the browser sign-in");
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("code", answered.get("code"));
      body.put("code_verifier", verifier);
      body.put("expiresInDays", days);
      JsonNode issued = anonymous.post("/api/v1/tokens/cli-exchange", body);
      String token = issued.path("token").asText("");
      if (token.isEmpty()) {
        throw new CliException("the server issued no token");
      }
      return token;
    } finally {
      listener.stop(0);
    }
  }

  private static void open(String url) {
    Consumer<String> hook = browserHook;
    if (hook != null) {
      hook.accept(url);
      return;
    }
    try {
      if (java.awt.Desktop.isDesktopSupported()
          && java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.BROWSE)) {
        java.awt.Desktop.getDesktop().browse(java.net.URI.create(url));
        return;
      }
    } catch (IOException | RuntimeException | LinkageError e) {
      // fall through to xdg-open; the address is printed anyway
    }
    try {
      new ProcessBuilder("xdg-open", url).redirectErrorStream(true).start();
    } catch (IOException e) {
      // no browser here: the user opens the printed address
    }
  }

  private static void answer(HttpExchange exchange, String text) throws IOException {
    byte[] bytes =
        ("<!DOCTYPE html><title>Continuity</title><p>" + text + "</p>")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static Map<String, String> query(String raw) {
    Map<String, String> values = new HashMap<>();
    for (String pair : Optional.ofNullable(raw).orElse("").split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        values.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  static String challenge(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String randomString(int bytes) {
    byte[] value = new byte[bytes];
    RANDOM.nextBytes(value);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
  }
}
