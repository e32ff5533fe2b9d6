package io.continuity.server.web.api;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.DeserializationFeature;

/**
 * Request bodies are strict: a field the target type does not declare is an error, never silently
 * dropped, so a misspelled {@code "targetsite"} cannot turn into the default target site. The
 * application's JSON mapper (the one Spring MVC reads request bodies with) fails on unknown
 * properties; {@link ApiExceptionHandler} turns the failure into a 400 naming the field, the
 * allowed ones and the closest match. The server's own mappers for stored JSON are separate and
 * unaffected.
 */
@Configuration(proxyBeanMethods = false)
class StrictRequestBodies {

  @Bean
  JsonMapperBuilderCustomizer failOnUnknownRequestFields() {
    return builder -> builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /**
   * Says so in the OpenAPI document: every request body schema gets {@code additionalProperties:
   * false} and a sentence on what an unknown field gets.
   */
  @Bean
  OpenApiCustomizer strictRequestBodySchemas() {
    return openApi -> {
      if (openApi.getPaths() == null || openApi.getComponents() == null) {
        return;
      }
      Map<String, Schema> schemas =
          openApi.getComponents().getSchemas() == null
              ? Map.of()
              : openApi.getComponents().getSchemas();
      openApi.getPaths().values().stream()
          .flatMap(path -> path.readOperations().stream())
          .map(Operation::getRequestBody)
          .filter(body -> body != null && body.getContent() != null)
          .flatMap(body -> body.getContent().values().stream())
          .map(MediaType::getSchema)
          .filter(schema -> schema != null && schema.get$ref() != null)
          .map(schema -> schemas.get(schema.get$ref().replaceFirst("^#/components/schemas/", "")))
          .filter(schema -> schema != null)
          .distinct()
          .forEach(StrictRequestBodies::strict);
    };
  }

  private static void strict(Schema<?> schema) {
    schema.setAdditionalProperties(false);
    String note = "Unknown fields are refused with 400 problem+json naming the field.";
    String description = schema.getDescription();
    if (description == null || !description.contains(note)) {
      schema.setDescription(description == null ? note : description + " " + note);
    }
  }
}
