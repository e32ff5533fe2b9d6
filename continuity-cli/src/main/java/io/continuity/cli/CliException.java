package io.continuity.cli;

/** A failure shown to the person as one line (never a stack trace), with the exit code to use. */
public class CliException extends RuntimeException {

  /** The server could not be reached or read. */
  public static final int UNREACHABLE = 3;

  private final int exitCode;

  public CliException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  public CliException(String message) {
    this(message, 1);
  }

  public int exitCode() {
    return exitCode;
  }
}
