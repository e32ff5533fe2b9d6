package io.continuity.server.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * Answers a request the HTTP firewall rejected (a {@code %00}, an encoded {@code /} or {@code ..}
 * in the path, a malformed header): 400, as problem+json on the API like every other API answer, as
 * plain text for a browser. The firewall's reason is given without echoing the request.
 */
@Component
class ProblemRequestRejectedHandler implements RequestRejectedHandler {

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
      throws IOException {
    String detail =
        "the request was rejected by the HTTP firewall: "
            + reason(rejected)
            + "; send the path without encoded '/', '..', '%00' or control characters";
    if (SecurityPaths.isMachinePath(request) || acceptsJson(request)) {
      ProblemResponses.write(request, response, HttpStatus.BAD_REQUEST, detail);
      return;
    }
    response.setStatus(HttpStatus.BAD_REQUEST.value());
    response.setContentType(MediaType.TEXT_PLAIN_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write("400 Bad Request: " + detail + "\n");
  }

  private static boolean acceptsJson(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    return accept != null && accept.contains("json");
  }

  /** The firewall's message up to its first quote: what was wrong, not the request's own text. */
  private static String reason(RequestRejectedException rejected) {
    String message = rejected.getMessage() == null ? "malformed request" : rejected.getMessage();
    int quote = message.indexOf('"');
    String head = quote > 0 ? message.substring(0, quote).trim() : message;
    return head.length() > 200 ? head.substring(0, 200) : head;
  }
}
