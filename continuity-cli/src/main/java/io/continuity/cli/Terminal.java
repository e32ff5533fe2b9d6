package io.continuity.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where a command writes and whom it asks: standard output and error, and the person at the
 * terminal. {@link #interactive()} is false when no terminal is attached (a script, a pipe): then
 * nothing that needs a person (tier-1 typing, a password) is asked.
 */
public record Terminal(
    PrintWriter out, PrintWriter err, BufferedReader in, boolean interactive, Style style) {

  public static Terminal system() {
    Console console = System.console();
    return new Terminal(
        new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8),
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
        console != null,
        Style.detect(System.getenv()));
  }

  /** Asks a question and reads one line; empty when there is no person or no more input. */
  public Optional<String> ask(String prompt) {
    out.print(prompt);
    out.flush();
    try {
      return Optional.ofNullable(in.readLine()).map(String::strip);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Reads a password without echo on a real terminal. */
  public Optional<char[]> askPassword(String prompt) {
    Console console = System.console();
    if (console != null) {
      return Optional.ofNullable(console.readPassword("%s", prompt));
    }
    return ask(prompt).map(String::toCharArray);
  }
}
