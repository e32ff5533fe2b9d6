package io.continuity.server.web.api;

import org.springframework.http.HttpStatus;

/**
 * 403 decided by business rules rather than roles, for example a separation-of-duties violation (a
 * requester approving their own request).
 */
public class ForbiddenException extends ApiException {

  public ForbiddenException(String message) {
    super(HttpStatus.FORBIDDEN, "Forbidden", message);
  }
}
