package io.continuity.server.web.api;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies read with the application's mapper as {@link StrictRequestBodies} configures it:
 * an unknown or misspelled field is a 400 naming it, the allowed fields and the closest match;
 * wrong types and out-of-range numbers name the field; nothing shows a Java class name.
 */
class StrictRequestBodiesTest {

  record Window(String start, String end) {}

  record Scheduled(String type, String targetSite, Integer days, Window window) {}

  @RestController
  static class FixtureController {

    @PostMapping(path = "/t/create", consumes = MediaType.APPLICATION_JSON_VALUE)
    String create(@RequestBody ExecutionRequestBodies.Create body) {
      return "created " + body.targetSite();
    }

    @PostMapping(path = "/t/scheduled", consumes = MediaType.APPLICATION_JSON_VALUE)
    String scheduled(@RequestBody Scheduled body) {
      return "ok";
    }
  }

  MockMvc mvc;

  @BeforeEach
  void setUp() {
    JsonMapper.Builder builder =
        JsonMapper.builder().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class);
    new StrictRequestBodies().failOnUnknownRequestFields().customize(builder);
    mvc =
        MockMvcBuilders.standaloneSetup(new FixtureController())
            .setControllerAdvice(new ApiExceptionHandler())
            .setMessageConverters(
                new StringHttpMessageConverter(),
                new JacksonJsonHttpMessageConverter(builder.build()))
            .build();
  }

  ResultActions post(String path, String body) throws Exception {
    return mvc.perform(
        MockMvcRequestBuilders.post(path).contentType(MediaType.APPLICATION_JSON).content(body));
  }

  @Test
  void aMisspelledFieldIsRefusedNamingItTheAllowedFieldsAndTheLikelyOne() throws Exception {
    post(
            "/t/create",
            "{\"type\":\"SWITCHOVER\",\"resourceId\":\"demo-orders\",\"targetsite\":\"sim-east\","
                + "\"reason\":\"r\"}")
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.title").value("Unknown field"))
        .andExpect(jsonPath("$.field").value("targetsite"))
        .andExpect(
            jsonPath(
                "$.detail",
                containsString("unknown field 'targetsite'; did you mean 'targetSite'?")))
        .andExpect(jsonPath("$.detail", containsString("changeTicket, groupId, reason")))
        .andExpect(
            jsonPath(
                "$.allowedFields",
                contains(
                    "changeTicket",
                    "groupId",
                    "reason",
                    "resourceId",
                    "targetSite",
                    "type",
                    "window")))
        .andExpect(jsonPath("$.errors[0].field").value("targetsite"));
  }

  @Test
  void anUnknownFieldWithNoCloseMatchIsRefusedToo() throws Exception {
    post("/t/create", "{\"type\":\"DRILL\",\"resourceId\":\"x\",\"cadence\":{\"start\":\"now\"}}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("cadence"))
        .andExpect(jsonPath("$.detail", containsString("unknown field 'cadence'; Allowed fields")))
        .andExpect(jsonPath("$.detail", not(containsString("did you mean"))));
  }

  @Test
  void anUnknownNestedFieldIsNamedByItsPath() throws Exception {
    post("/t/scheduled", "{\"type\":\"DRILL\",\"window\":{\"start\":\"a\",\"ende\":\"b\"}}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("window.ende"))
        .andExpect(jsonPath("$.detail", containsString("did you mean 'end'?")))
        .andExpect(jsonPath("$.allowedFields.length()").value(2));
  }

  @Test
  void aWrongTypeNamesTheFieldAndWhatItTakes() throws Exception {
    post("/t/scheduled", "{\"days\":\"seven\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("days"))
        .andExpect(jsonPath("$.detail", containsString("'days' must be a whole number")))
        .andExpect(content().string(not(containsString("java."))))
        .andExpect(content().string(not(containsString("Exception"))));
  }

  @Test
  void anOutOfRangeNumberNamesTheField() throws Exception {
    post("/t/scheduled", "{\"days\": 99999999999999}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("days"))
        .andExpect(jsonPath("$.detail", containsString("'days' is out of range")))
        .andExpect(content().string(not(containsString("java."))));
  }

  @Test
  void aBodyThatIsNotAnObjectSaysSo() throws Exception {
    post("/t/scheduled", "[1,2]")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail", containsString("must be a JSON object")))
        .andExpect(content().string(not(containsString("io.continuity"))));
  }

  @Test
  void knownFieldsStillWork() throws Exception {
    post("/t/create", "{\"type\":\"DRILL\",\"resourceId\":\"x\",\"targetSite\":\"dr\"}")
        .andExpect(status().isOk())
        .andExpect(content().string("created dr"));
  }
}
