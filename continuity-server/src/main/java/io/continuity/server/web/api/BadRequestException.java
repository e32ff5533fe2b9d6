package io.continuity.server.web.api;

import org.springframework.http.HttpStatus;

/** 400 about one named field or parameter; the message says what a valid value looks like. */
public class BadRequestException extends ApiException {

  private final String field;

  public BadRequestException(String field, String message) {
    super(HttpStatus.BAD_REQUEST, "Invalid request", message);
    this.field = field;
  }

  /** The request field or parameter at fault. */
  public String field() {
    return field;
  }
}
