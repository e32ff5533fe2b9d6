package io.continuity.server.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.server.support.HttpTestClient.Response;
import io.continuity.server.support.TestStateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The executions API on H2 (demo profile), plus the table of bad inputs. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class H2ExecutionsIT extends ExecutionsApiContract {

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    try {
      TestStateStore.registerH2(registry, Files.createTempDirectory("continuity-exec-it"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    registry.add("continuity.demo.password", () -> PASSWORD);
    registry.add("continuity.inventory", () -> ExecutionTestInventory.write().toString());
  }

  /**
   * Each row: user, method path (ID = a fresh tier-1 request pending approval), JSON body ('-' for
   * none), expected status, and a text the problem must name (its field, else its detail).
   */
  @ParameterizedTest(name = "[{index}] {1} {2} -> {3} naming {4}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "alice | POST /api/v1/executions | {\"type\": | 400 | not valid JSON",
        "alice | POST /api/v1/executions | - | 400 | request body",
        "alice | POST /api/v1/executions | {\"type\":[\"SWITCHOVER\"],\"resourceId\":\"orders-db\"} | 400 | type",
        "alice | POST /api/v1/executions | {\"type\":\"TELEPORT\",\"resourceId\":\"orders-db\"} | 400 | type",
        "alice | POST /api/v1/executions | {\"resourceId\":\"orders-db\",\"reason\":\"r\"} | 400 | type",
        "alice | POST /api/v1/executions | {\"type\":\"DRILL\",\"resourceId\":\"orders-db\",\"groupId\":\"checkout\",\"reason\":\"r\"} | 400 | resourceId",
        "alice | POST /api/v1/executions | {\"type\":\"DRILL\",\"reason\":\"r\"} | 400 | resourceId",
        "alice | POST /api/v1/executions | {\"type\":\"DRILL\",\"resourceId\":\"nope-db\",\"reason\":\"r\"} | 404 | resourceId",
        "alice | POST /api/v1/executions | {\"type\":\"DRILL\",\"groupId\":\"nope\",\"reason\":\"r\"} | 404 | groupId",
        "alice | POST /api/v1/executions | {\"type\":\"DRILL\",\"resourceId\":\"orders-db\",\"targetSite\":\"mars\",\"reason\":\"r\"} | 400 | targetSite",
        "alice | POST /api/v1/executions | {\"type\":\"DRILL\",\"groupId\":\"checkout\",\"targetSite\":\"site-b\",\"reason\":\"r\"} | 400 | targetSite",
        "alice | POST /api/v1/executions | {\"type\":\"SWITCHOVER\",\"resourceId\":\"orders-db\",\"reason\":\"r\"} | 422 | changeTicket",
        "alice | POST /api/v1/executions | {\"type\":\"DRILL\",\"resourceId\":\"orders-db\"} | 422 | reason",
        "alice | GET /api/v1/executions?state=DONE | - | 400 | state",
        "alice | GET /api/v1/executions?size=0 | - | 400 | size",
        "alice | GET /api/v1/executions/EX-NOPE | - | 404 | EX-NOPE",
        "bob | POST /api/v1/executions/EX-NOPE/approvals | {\"decision\":\"APPROVE\"} | 404 | EX-NOPE",
        "bob | POST /api/v1/executions/ID/approvals | {\"decision\":\"MAYBE\"} | 400 | decision",
        "bob | POST /api/v1/executions/ID/approvals | {\"comment\":\"fine\"} | 400 | decision",
        "bob | POST /api/v1/executions/ID/approvals | {\"decision\":true} | 400 | decision",
        "alice | POST /api/v1/executions/ID/cancel | - | 400 | request body",
        "alice | POST /api/v1/executions/ID/cancel | {} | 422 | reason",
        "carol | POST /api/v1/executions/ID/review | {\"findings\":\"fine\"} | 409 | ILLEGAL_TRANSITION",
        "alice | POST /api/v1/executions/ID/retry | {\"reason\":\"again\"} | 409 | ILLEGAL_TRANSITION",
      })
  void badInputIsAProblemNamingWhatToFix(
      String user, String request, String body, int status, String names) {
    String[] methodAndPath = request.split(" ", 2);
    String path = methodAndPath[1].replace("ID", createTier1());
    Response response;
    if (methodAndPath[0].equals("GET")) {
      response = as(user).get(path);
    } else {
      response = as(user).postJson(path, body.equals("-") ? "" : body);
    }

    assertProblem(response, HttpStatus.valueOf(status));
    JsonNode problem = response.json();
    String named =
        problem.path("field").asString("")
            + " "
            + problem.path("rule").asString("")
            + " "
            + problem.path("detail").asString("");
    assertThat(named).contains(names);
    assertThat(problem.path("detail").asString()).isNotBlank();
  }
}
