package io.continuity.server.web.api;

import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Describes why a JSON request body could not be read, naming where (field path or line and column)
 * without echoing the body back.
 */
final class JsonProblems {

  private JsonProblems() {}

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
    Throwable cause = ex.getCause();
    String field = path(ex);
    if (cause instanceof UnrecognizedPropertyException unknown) {
      return "field '"
          + (field == null ? unknown.getPropertyName() : field)
          + "' is not known here; remove it (known fields: "
          + unknown.getKnownPropertyIds()
          + ").";
    }
    if (cause instanceof MismatchedInputException mismatch && field != null) {
      return "field '"
          + field
          + "' must be "
          + TypeHints.expected(mismatch.getTargetType())
          + where(mismatch)
          + ".";
    }
    if (cause instanceof StreamReadException || cause instanceof JacksonException) {
      return "request body is not valid JSON" + where((JacksonException) cause) + ".";
    }
    return "request body is missing or unreadable: send a JSON document with Content-Type"
        + " application/json.";
  }

  private static String where(JacksonException ex) {
    TokenStreamLocation location = ex.getLocation();
    if (location == null || location.getLineNr() < 0) {
      return "";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }
}
