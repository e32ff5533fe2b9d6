package io.continuity.cli;

import java.util.Map;

/**
 * How statuses look: with colour and a symbol on a terminal, plain words when the output is not a
 * terminal or {@code NO_COLOR} is set (https://no-color.org).
 */
public record Style(boolean colour) {

  private static final String RESET = "\u001b[0m";

  /** Colour only when stdout is a terminal ({@link System#console()}) and NO_COLOR is unset. */
  public static Style detect(Map<String, String> env) {
    boolean noColor = env.containsKey("NO_COLOR") && !env.get("NO_COLOR").isEmpty();
    boolean terminal = System.console() != null && !"dumb".equals(env.get("TERM"));
    return new Style(terminal && !noColor);
  }

  /** The status word, padded to a column, with its symbol and colour when enabled. */
  public String status(String status) {
    String word = String.format("%-6s", status == null ? "?" : status);
    if (!colour) {
      return word;
    }
    String symbol;
    String code;
    switch (status == null ? "" : status) {
      case "GREEN" -> {
        symbol = "✔";
        code = "\u001b[32m";
      }
      case "YELLOW" -> {
        symbol = "▲";
        code = "\u001b[33m";
      }
      case "RED" -> {
        symbol = "✖";
        code = "\u001b[31m";
      }
      default -> {
        symbol = "?";
        code = "\u001b[35m";
      }
    }
    return code + symbol + " " + word + RESET;
  }

  public String bold(String text) {
    return colour ? "\u001b[1m" + text + RESET : text;
  }
}
