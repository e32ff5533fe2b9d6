package io.continuity.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.function.Consumer;

/** One server-sent event: its name ({@code event:}) and data ({@code data:} lines joined). */
public record ServerSentEvent(String id, String name, String data) {

  /** Reads events until the stream ends (the server completes it when the run has ended). */
  static void read(BufferedReader reader, Consumer<ServerSentEvent> onEvent) throws IOException {
    String id = null;
    String name = "message";
    StringBuilder data = new StringBuilder();
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isEmpty()) {
        if (data.length() > 0) {
          onEvent.accept(new ServerSentEvent(id, name, data.toString()));
        }
        id = null;
        name = "message";
        data.setLength(0);
      } else if (line.startsWith("event:")) {
        name = line.substring(6).strip();
      } else if (line.startsWith("id:")) {
        id = line.substring(3).strip();
      } else if (line.startsWith("data:")) {
        if (data.length() > 0) {
          data.append('\n');
        }
        data.append(line.substring(5).stripLeading());
      }
    }
    if (data.length() > 0) {
      onEvent.accept(new ServerSentEvent(id, name, data.toString()));
    }
  }
}
