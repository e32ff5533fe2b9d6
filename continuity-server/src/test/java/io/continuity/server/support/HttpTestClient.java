package io.continuity.server.support;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small real-HTTP client for tests against a server on a random port ({@code @LocalServerPort}),
 * with optional Basic credentials. Never throws on 4xx/5xx: tests assert on the {@link Response}.
 */
public final class HttpTestClient {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final RestTestClient client;
  private final String user;
  private final String password;
  private final String bearer;

  private HttpTestClient(RestTestClient client, String user, String password, String bearer) {
    this.client = client;
    this.user = user;
    this.password = password;
    this.bearer = bearer;
  }

  /** An anonymous client for {@code http://localhost:<port>}. */
  public static HttpTestClient onPort(int port) {
    return new HttpTestClient(
        RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build(),
        null,
        null,
        null);
  }

  /** The same server, sending HTTP Basic credentials. */
  public HttpTestClient as(String user, String password) {
    return new HttpTestClient(client, user, password, null);
  }

  /** The same server, sending {@code Authorization: Bearer <token>} (an API token). */
  public HttpTestClient withToken(String token) {
    return new HttpTestClient(client, null, null, token);
  }

  public Response delete(String path) {
    return toResponse(
        client.delete().uri(path).headers(this::credentials).exchange().returnResult(String.class));
  }

  public Response get(String path) {
    return toResponse(
        client.get().uri(path).headers(this::credentials).exchange().returnResult(String.class));
  }

  public Response postJson(String path, String json) {
    return toResponse(
        client
            .post()
            .uri(path)
            .headers(this::credentials)
            .contentType(MediaType.APPLICATION_JSON)
            .body(json)
            .exchange()
            .returnResult(String.class));
  }

  private void credentials(HttpHeaders headers) {
    if (user != null) {
      headers.setBasicAuth(user, password);
    }
    if (bearer != null) {
      headers.setBearerAuth(bearer);
    }
  }

  private static Response toResponse(EntityExchangeResult<String> result) {
    return new Response(result.getStatus(), result.getResponseHeaders(), result.getResponseBody());
  }

  /** Status, headers and body of one exchange. */
  public record Response(HttpStatusCode status, HttpHeaders headers, String body) {

    public JsonNode json() {
      return JSON.readTree(body == null ? "null" : body);
    }
  }
}
