package io.continuity.lab;

/** How a command ended: its exit code and its combined standard output and error. */
public record CommandResult(int exitCode, String output) {

  public boolean succeeded() {
    return exitCode == 0;
  }
}
