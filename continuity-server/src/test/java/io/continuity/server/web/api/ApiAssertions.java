package io.continuity.server.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.server.support.HttpTestClient.Response;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** Assertions on API answers and audit events shared by the API tests. */
final class ApiAssertions {

  private ApiAssertions() {}

  static void assertType(JsonNode event, String type, String actor) {
    assertThat(event.path("type").asString()).isEqualTo(type);
    assertThat(event.path("actor").asString()).isEqualTo(actor);
  }

  static JsonNode lastOfType(List<JsonNode> events, String type) {
    return events.stream()
        .filter(e -> e.path("type").asString().equals(type))
        .reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no " + type + " event"));
  }

  static void assertProblem(Response response, HttpStatus status) {
    assertThat(response.status().value()).as(response.body()).isEqualTo(status.value());
    assertThat(response.headers().getContentType())
        .isNotNull()
        .matches(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    assertThat(response.json().path("status").asInt()).isEqualTo(status.value());
  }
}
