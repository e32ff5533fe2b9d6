package io.continuity.server.web.api;

import org.springframework.http.HttpStatus;

/**
 * A failure a controller reports to the client as RFC 9457 problem+json with a fixed status. The
 * message is shown to the client, so it must say what to fix and must never hold secrets.
 */
public abstract class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String title;

  protected ApiException(HttpStatus status, String title, String message) {
    super(message);
    this.status = status;
    this.title = title;
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }
}
