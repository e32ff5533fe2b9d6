package io.continuity.connector.api;

/**
 * A connector could not do what was asked. {@link #isRetriable()} tells whether trying again later
 * may succeed (a timeout, a refused connection) or not (bad configuration, wrong credentials, an
 * unsupported operation). Thrown by a step, {@link #effect()} tells whether the step changed
 * nothing ({@link StepEffect#NONE}: it never reached the platform, or the platform refused it) or
 * its outcome is unknown ({@link StepEffect#UNKNOWN}, the default: a command was sent and its
 * answer lost). Messages never contain secrets.
 */
public class ConnectorException extends Exception {

  /** What a failed step did to the platform. */
  public enum StepEffect {
    /** Nothing: the step did not start or was refused before it changed anything. */
    NONE,
    /** Unknown: someone must look before anything else runs. */
    UNKNOWN
  }

  private final boolean retriable;
  private final StepEffect effect;

  public ConnectorException(String message, boolean retriable, Throwable cause) {
    this(message, retriable, StepEffect.UNKNOWN, cause);
  }

  public ConnectorException(String message, boolean retriable, StepEffect effect, Throwable cause) {
    super(message, cause);
    this.retriable = retriable;
    this.effect = effect == null ? StepEffect.UNKNOWN : effect;
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

  /**
   * The step did not start or changed nothing (an unknown step id, a refused connection before any
   * command was sent, a gate that refused).
   */
  public static ConnectorException notStarted(String message, boolean retriable, Throwable cause) {
    return new ConnectorException(message, retriable, StepEffect.NONE, cause);
  }

  /** The step may have taken effect: a command was sent and its answer is not known. */
  public static ConnectorException outcomeUnknown(String message, Throwable cause) {
    return new ConnectorException(message, false, StepEffect.UNKNOWN, cause);
  }

  public boolean isRetriable() {
    return retriable;
  }

  public StepEffect effect() {
    return effect;
  }
}
