package io.continuity.connector.api;

/**
 * A connector could not do what was asked. {@link #isRetriable()} tells whether trying again later
 * may succeed (a timeout, a refused connection) or not (bad configuration, wrong credentials, an
 * unsupported operation). Messages never contain secrets.
 */
public class ConnectorException extends Exception {

  private final boolean retriable;

  public ConnectorException(String message, boolean retriable, Throwable cause) {
    super(message, cause);
    this.retriable = retriable;
  }

  public static ConnectorException retriable(String message, Throwable cause) {
    return new ConnectorException(message, true, cause);
  }

  public static ConnectorException retriable(String message) {
    return new ConnectorException(message, true, null);
  }

  public static ConnectorException permanent(String message, Throwable cause) {
    return new ConnectorException(message, false, cause);
  }

  public static ConnectorException permanent(String message) {
    return new ConnectorException(message, false, null);
  }

  public boolean isRetriable() {
    return retriable;
  }
}
