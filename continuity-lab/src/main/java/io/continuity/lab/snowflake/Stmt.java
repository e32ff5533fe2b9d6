package io.continuity.lab.snowflake;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One submitted statement: rows, a failure, or a refresh job it waits for. */
final class Stmt {
  final String handle = UUID.randomUUID().toString();
  final long createdOn = System.currentTimeMillis();
  final String text;
  List<String> columns = List.of("status");
  List<List<String>> rows = List.of(List.of("Statement executed successfully."));
  Map<String, Object> failure;
  FakeSnowflake.Job job;

  Stmt(String text) {
    this.text = text;
  }

  static Map<String, Object> notExists(String what, Stmt stmt) {
    return error(
        "002003",
        "02000",
        "SQL compilation error:\n" + what + " does not exist or not authorized.",
        stmt.handle);
  }

  /** The fake's own refusal (code and text are not documented: VERIFY on a real account). */
  static Map<String, Object> refused(String message, Stmt stmt) {
    return error("003000", "0A000", message, stmt.handle);
  }

  static Map<String, Object> error(String code, String sqlState, String message, String handle) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", code);
    body.put("sqlState", sqlState);
    body.put("message", message);
    if (handle != null) {
      body.put("statementHandle", handle);
      body.put("createdOn", System.currentTimeMillis());
    }
    return body;
  }
}
