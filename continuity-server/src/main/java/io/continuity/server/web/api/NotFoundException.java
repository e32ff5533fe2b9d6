package io.continuity.server.web.api;

import org.springframework.http.HttpStatus;

/** 404: the named thing (execution, resource, ...) does not exist. */
public class NotFoundException extends ApiException {

  public NotFoundException(String what, String id) {
    super(HttpStatus.NOT_FOUND, "Not found", what + " '" + id + "' does not exist");
  }
}
