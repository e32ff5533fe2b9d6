package io.continuity.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The server's REST API over HTTP. Every failure becomes a {@link CliException} with one line: a
 * problem+json answer shows its detail, an unreachable server says so (exit code 3).
 */
public final class ApiClient {

  static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  private final Connection connection;
  private final HttpClient http;
  private final Optional<String> basicAuth;

  public ApiClient(Connection connection) {
    this(connection, Optional.empty());
  }

  private ApiClient(Connection connection, Optional<String> basicAuth) {
    this.connection = connection;
    this.basicAuth = basicAuth;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** A client that signs in with a user name and password instead of a token (login only). */
  public ApiClient withPassword(String user, char[] password) {
    String pair = user + ":" + new String(password);
    return new ApiClient(
        connection,
        Optional.of(
            "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))));
  }

  public String server() {
    return connection.server();
  }

  public JsonNode get(String path) {
    return jsonBody(send(request(path).GET().header("Accept", "application/json").build()));
  }

  public String getText(String path, String accept) {
    return send(request(path).GET().header("Accept", accept).build()).body();
  }

  public JsonNode post(String path, Object body) {
    String json;
    try {
      json = JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new CliException("cannot write the request body: " + e.getMessage());
    }
    return jsonBody(
        send(
            request(path)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .build()));
  }

  /** Reads server-sent events until the stream ends, handing each to {@code onEvent}. */
  public void events(String path, Consumer<ServerSentEvent> onEvent) {
    HttpRequest req =
        request(path)
            .GET()
            .header("Accept", "text/event-stream")
            .timeout(Duration.ofHours(1))
            .build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    }
    if (response.statusCode() >= 300) {
      String body;
      try (InputStream in = response.body()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        body = "";
      }
      throw ProblemLine.toException(response.statusCode(), body, path);
    }
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      ServerSentEvent.read(reader, onEvent);
    } catch (IOException e) {
      // The server closes the stream when the run has ended; the caller asks which it was.
    }
  }

  private HttpRequest.Builder request(String path) {
    URI uri;
    try {
      uri = URI.create(connection.server() + path);
    } catch (IllegalArgumentException e) {
      throw new CliException("bad URL " + connection.server() + path + ": " + e.getMessage());
    }
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
    if (basicAuth.isPresent()) {
      builder.header("Authorization", basicAuth.get());
    } else {
      connection.token().ifPresent(t -> builder.header("Authorization", "Bearer " + t));
    }
    return builder;
  }

  private HttpResponse<String> send(HttpRequest req) {
    HttpResponse<String> response;
    try {
      response = http.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    }
    if (response.statusCode() >= 300) {
      throw ProblemLine.toException(response.statusCode(), response.body(), req.uri().getPath());
    }
    return response;
  }

  private CliException unreachable(IOException e) {
    String why =
        e instanceof ConnectException || e instanceof HttpConnectTimeoutException
            ? "connection refused or timed out"
            : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    return new CliException(
        "cannot reach the server at " + connection.server() + " (" + why + ")",
        CliException.UNREACHABLE);
  }

  private static JsonNode jsonBody(HttpResponse<String> response) {
    String body = response.body();
    if (body == null || body.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new CliException(
          "the server answered something that is not JSON (is --server the Continuity URL?)",
          CliException.UNREACHABLE);
    }
  }
}
