package io.continuity.server.web.api;

import org.springframework.http.HttpStatus;

/** 409: the request is valid but not in the current state (for example an illegal transition). */
public class ConflictException extends ApiException {

  public ConflictException(String message) {
    super(HttpStatus.CONFLICT, "Conflict with current state", message);
  }
}
