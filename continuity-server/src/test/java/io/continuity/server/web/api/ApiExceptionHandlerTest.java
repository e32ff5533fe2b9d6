package io.continuity.server.web.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Every failure a controller can meet comes back as problem+json that says what to fix. */
class ApiExceptionHandlerTest {

  record Payload(@NotBlank String name, @Min(1) int count) {}

  @RestController
  static class FixtureController {

    @PostMapping(path = "/t/body", consumes = MediaType.APPLICATION_JSON_VALUE)
    String body(@Valid @RequestBody Payload payload) {
      return payload.name();
    }

    @GetMapping("/t/param")
    String param(@RequestParam long id) {
      return Long.toString(id);
    }

    @GetMapping("/t/not-found")
    String notFound() {
      throw new NotFoundException("execution", "exec-42");
    }

    @GetMapping("/t/conflict")
    String conflict() {
      throw new ConflictException("execution exec-42 is Running; it can no longer be approved");
    }

    @GetMapping("/t/sod")
    String sod() {
      throw new ForbiddenException("alice requested exec-42 and cannot also approve it");
    }

    @GetMapping("/t/bad-field")
    String badField() {
      throw new BadRequestException("targetSite", "targetSite must name a DR site of the resource");
    }

    @GetMapping("/t/boom")
    String boom() {
      throw new IllegalStateException("database password=hunter2 rejected");
    }
  }

  MockMvc mvc;

  @BeforeEach
  void setUp() {
    mvc =
        MockMvcBuilders.standaloneSetup(new FixtureController())
            .setControllerAdvice(new ApiExceptionHandler())
            .build();
  }

  ResultActions postJson(String body) throws Exception {
    return mvc.perform(post("/t/body").contentType(MediaType.APPLICATION_JSON).content(body));
  }

  static void isProblem(ResultActions result, int status) throws Exception {
    result
        .andExpect(status().is(status))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(status));
  }

  @Test
  void malformedJsonIs400SayingWhere() throws Exception {
    ResultActions result = postJson("{\"name\": \"x\",\n \"count\": }");

    isProblem(result, 400);
    result.andExpect(jsonPath("$.detail", containsString("not valid JSON (line 2")));
  }

  @Test
  void wrongTypeInBodyIs400NamingTheField() throws Exception {
    ResultActions result = postJson("{\"name\": \"x\", \"count\": \"many\"}");

    isProblem(result, 400);
    result
        .andExpect(jsonPath("$.field").value("count"))
        .andExpect(jsonPath("$.detail", containsString("'count' must be a whole number")));
  }

  @Test
  void validationErrorsAre400NamingEachFieldAndTheFix() throws Exception {
    ResultActions result = postJson("{\"name\": \" \", \"count\": 0}");

    isProblem(result, 400);
    result
        .andExpect(jsonPath("$.errors.length()").value(2))
        .andExpect(jsonPath("$.detail", containsString("name must not be blank")))
        .andExpect(
            jsonPath("$.detail", containsString("count must be greater than or equal to 1")));
  }

  @Test
  void missingBodyIs400() throws Exception {
    isProblem(postJson(""), 400);
  }

  @Test
  void unsupportedMediaTypeIs415() throws Exception {
    ResultActions result =
        mvc.perform(post("/t/body").contentType(MediaType.TEXT_PLAIN).content("name=x"));

    isProblem(result, 415);
    result.andExpect(jsonPath("$.detail", containsString("application/json")));
  }

  @Test
  void wrongMethodIs405() throws Exception {
    isProblem(mvc.perform(get("/t/body")), 405);
  }

  @Test
  void missingParameterIs400NamingIt() throws Exception {
    ResultActions result = mvc.perform(get("/t/param"));

    isProblem(result, 400);
    result
        .andExpect(jsonPath("$.field").value("id"))
        .andExpect(jsonPath("$.detail", containsString("'id' is required")));
  }

  @Test
  void wrongParameterTypeIs400NamingIt() throws Exception {
    ResultActions result = mvc.perform(get("/t/param").param("id", "seven"));

    isProblem(result, 400);
    result.andExpect(jsonPath("$.detail").value("parameter 'id' must be a whole number."));
  }

  @Test
  void apiExceptionsKeepTheirStatusAndMessage() throws Exception {
    isProblem(mvc.perform(get("/t/not-found")), 404);
    mvc.perform(get("/t/not-found"))
        .andExpect(jsonPath("$.detail").value("execution 'exec-42' does not exist"));
    isProblem(mvc.perform(get("/t/conflict")), 409);
    isProblem(mvc.perform(get("/t/sod")), 403);
    isProblem(mvc.perform(get("/t/bad-field")), 400);
    mvc.perform(get("/t/bad-field")).andExpect(jsonPath("$.field").value("targetSite"));
  }

  @Test
  void unexpectedFailureIs500WithoutInternals() throws Exception {
    ResultActions result = mvc.perform(get("/t/boom"));

    isProblem(result, 500);
    result
        .andExpect(jsonPath("$.reference").isNotEmpty())
        .andExpect(content().string(not(containsString("IllegalStateException"))))
        .andExpect(content().string(not(containsString("hunter2"))))
        .andExpect(content().string(not(containsString("at io.continuity"))));
  }
}
