package io.continuity.server.web.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Describes why a JSON request body could not be read, naming where (field path or line and column)
 * without echoing the body back and without Java class names: an unknown field with the allowed
 * ones and the closest match, a value of the wrong type or out of range with what the field takes.
 */
final class JsonProblems {

  private JsonProblems() {}

  /**
   * What is wrong with a body.
   *
   * @param field the JSON path of the failing field ({@code window.start}), or null
   * @param allowed the fields the object at that place accepts (for an unknown field), else empty
   */
  record BodyProblem(String title, String detail, String field, List<String> allowed) {}

  static BodyProblem problem(HttpMessageNotReadableException ex) {
    Throwable cause = ex.getCause();
    String field = path(ex);
    if (cause instanceof UnrecognizedPropertyException unknown) {
      String name = unknown.getPropertyName();
      List<String> allowed =
          unknown.getKnownPropertyIds() == null
              ? List.of()
              : unknown.getKnownPropertyIds().stream()
                  .map(Objects::toString)
                  .sorted(String.CASE_INSENSITIVE_ORDER)
                  .toList();
      Optional<String> closest = FieldSuggestions.closest(name, allowed);
      String at = field == null ? name : field;
      String detail =
          "unknown field '"
              + at
              + "'"
              + closest.map(c -> "; did you mean '" + c + "'?").orElse(";")
              + " Allowed fields"
              + (at.contains(".") ? " there" : "")
              + ": "
              + String.join(", ", allowed)
              + ". Nothing was changed.";
      return new BodyProblem("Unknown field", detail, at, allowed);
    }
    if (cause instanceof InputCoercionException coercion) {
      String at = field == null ? "value" : field;
      return new BodyProblem(
          "Invalid field value",
          "field '"
              + at
              + "' is out of range for "
              + TypeHints.expected(coercion.getTargetType())
              + where(coercion)
              + ".",
          at,
          List.of());
    }
    if (cause instanceof MismatchedInputException mismatch && field != null) {
      String given =
          mismatch instanceof InvalidFormatException invalid && invalid.getValue() != null
              ? " (got " + shortValue(invalid.getValue()) + ")"
              : "";
      return new BodyProblem(
          "Invalid field value",
          "field '"
              + field
              + "' must be "
              + TypeHints.expected(mismatch.getTargetType())
              + given
              + where(mismatch)
              + ".",
          field,
          List.of());
    }
    if (cause instanceof MismatchedInputException mismatch) {
      return new BodyProblem(
          "Malformed request body",
          "request body must be a JSON object with the documented fields" + where(mismatch) + ".",
          null,
          List.of());
    }
    if (cause instanceof StreamReadException || cause instanceof JacksonException) {
      return new BodyProblem(
          "Malformed request body",
          "request body is not valid JSON" + where((JacksonException) cause) + ".",
          field,
          List.of());
    }
    return new BodyProblem(
        "Malformed request body",
        "request body is missing or unreadable: send a JSON document with Content-Type"
            + " application/json.",
        null,
        List.of());
  }

  /** The JSON path of the failing field ({@code approvals[0].actor}), or null if not known. */
  static String path(HttpMessageNotReadableException ex) {
    if (ex.getCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
      StringBuilder path = new StringBuilder();
      for (JacksonException.Reference ref : jackson.getPath()) {
        if (ref.getPropertyName() != null) {
          path.append(path.length() == 0 ? "" : ".").append(ref.getPropertyName());
        } else if (ref.getIndex() >= 0) {
          path.append('[').append(ref.getIndex()).append(']');
        }
      }
      return path.length() == 0 ? null : path.toString();
    }
    return null;
  }

  static String describe(HttpMessageNotReadableException ex) {
    return problem(ex).detail();
  }

  private static String shortValue(Object value) {
    String text = String.valueOf(value);
    return "'" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'";
  }

  private static String where(JacksonException ex) {
    TokenStreamLocation location = ex.getLocation();
    if (location == null || location.getLineNr() < 0) {
      return "";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }
}
