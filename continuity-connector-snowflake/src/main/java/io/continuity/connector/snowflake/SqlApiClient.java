package io.continuity.connector.snowflake;

import io.continuity.connector.snowflake.SqlApiException.Kind;
import io.continuity.connector.support.Deadline;
import io.continuity.connector.support.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Talks to one Snowflake account through the SQL API v2 ([src]
 * snowflakedb/snowflake-rest-api-specs: specifications/sqlapi.yaml; [doc]
 * developer-guide/sql-api/{submitting-requests,handling-responses}):
 *
 * <ul>
 *   <li>{@code POST /api/v2/statements?requestId=<uuid>} with the statement and its context
 *       (warehouse, role, database: case-sensitive), the documented headers ({@code Authorization:
 *       Bearer}, {@code X-Snowflake-Authorization-Token-Type: KEYPAIR_JWT}, the required {@code
 *       User-Agent}, JSON content);
 *   <li>200 is a ResultSet (further partitions fetched with {@code ?partition=n}); 202 is a
 *       QueryStatus whose {@code statementHandle} is polled with {@code GET
 *       /api/v2/statements/{handle}} until 200, 422 (failed) or the deadline;
 *   <li>a request whose answer was lost is sent again with the same {@code requestId} and {@code
 *       retry=true} ("ensures that the execution is idempotent"): Snowflake answers with the first
 *       execution instead of running the statement twice; 429/503/504 are retried with backoff; 401
 *       mints a new token once.
 * </ul>
 */
final class SqlApiClient {

  static final String USER_AGENT = "continuity-snowflake/0.1";
  private static final int ATTEMPTS = 3;

  private final URI base;
  private final KeyPairJwt jwt;
  private final HttpClient http;
  private final Map<String, String> context;
  private final Duration pollInterval;

  SqlApiClient(
      URI base,
      KeyPairJwt jwt,
      HttpClient http,
      Map<String, String> context,
      Duration pollInterval) {
    this.base = base;
    this.jwt = jwt;
    this.http = http;
    this.context = Map.copyOf(context);
    this.pollInterval = pollInterval;
  }

  URI base() {
    return base;
  }

  /** Runs a read-only statement with a fresh request id and waits for its rows. */
  StatementResult query(String statement, Deadline deadline) throws SqlApiException {
    return run(statement, UUID.randomUUID(), Map.of(), deadline);
  }

  /** Runs a statement with extra context (for example a database) and waits for its rows. */
  StatementResult query(String statement, Map<String, String> extra, Deadline deadline)
      throws SqlApiException {
    return run(statement, UUID.randomUUID(), extra, deadline);
  }

  /**
   * Runs a statement that changes something under a deterministic request id, waiting (polling a
   * 202 handle) until it finishes or the deadline passes.
   */
  StatementResult run(
      String statement, UUID requestId, Map<String, String> extra, Deadline deadline)
      throws SqlApiException {
    Submitted submitted = submit(statement, requestId, extra, false, deadline);
    if (submitted.result().isPresent()) {
      return submitted.result().get();
    }
    return await(submitted.handle(), deadline)
        .orElseThrow(
            () ->
                new SqlApiException(
                    Kind.NO_ANSWER,
                    202,
                    "",
                    "",
                    "statement " + submitted.handle() + " still running at the deadline"));
  }

  /** What a submission answered: rows (200) or a handle still running (202). */
  record Submitted(String handle, Optional<StatementResult> result) {}

  /**
   * Submits a statement; with {@code async} Snowflake answers 202 at once. Lost answers are resent
   * with the same request id and {@code retry=true}.
   */
  Submitted submit(
      String statement, UUID requestId, Map<String, String> extra, boolean async, Deadline deadline)
      throws SqlApiException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("statement", statement);
    body.put("timeout", Math.max(1, (deadline.remaining().toMillis() + 999) / 1000));
    context.forEach(body::put);
    extra.forEach(body::put);
    String json = Json.write(body);
    boolean mayHaveRun = false;
    SqlApiException last = null;
    for (int attempt = 0; attempt < ATTEMPTS && !deadline.passed(); attempt++) {
      String query =
          "requestId="
              + requestId
              + (async ? "&async=true" : "")
              + (attempt > 0 ? "&retry=true" : "");
      HttpRequest request =
          request(URI.create(base + "/api/v2/statements?" + query), deadline)
              .POST(HttpRequest.BodyPublishers.ofString(json))
              .header("Content-Type", "application/json")
              .build();
      Answer answer;
      try {
        answer = send(request);
      } catch (SqlApiException e) {
        mayHaveRun |= e.kind() == Kind.NO_ANSWER;
        last = e;
        continue;
      }
      if (answer.status() == 401 && attempt == 0) {
        jwt.invalidate();
        last = answer.failure(Kind.AUTH);
        continue;
      }
      if (answer.status() == 429 || answer.status() == 503 || answer.status() == 504) {
        last = answer.failure(Kind.REFUSED);
        pause(backoff(attempt, deadline));
        continue;
      }
      return submitted(answer);
    }
    if (last == null) {
      throw new SqlApiException(Kind.NOT_SENT, 0, "", "", "the deadline passed before sending");
    }
    if (mayHaveRun && last.kind() != Kind.NO_ANSWER) {
      throw new SqlApiException(
          Kind.NO_ANSWER, last.httpStatus(), last.code(), last.sqlState(), last.getMessage());
    }
    throw last;
  }

  /**
   * Polls a statement handle every poll interval until it finishes.
   *
   * @return the rows, or empty when the deadline passed first (the statement still runs)
   */
  Optional<StatementResult> await(String handle, Deadline deadline) throws SqlApiException {
    while (true) {
      Optional<StatementResult> done = status(handle, deadline);
      if (done.isPresent() || deadline.passed()) {
        return done;
      }
      pause(pollInterval.compareTo(deadline.remaining()) < 0 ? pollInterval : deadline.remaining());
    }
  }

  /** One look at a handle: rows when done, empty while 202, an exception when it failed. */
  Optional<StatementResult> status(String handle, Deadline deadline) throws SqlApiException {
    Answer answer = get(handle, 0, deadline);
    if (answer.status() == 202) {
      return Optional.empty();
    }
    return Optional.of(result(answer, handle, deadline));
  }

  private Submitted submitted(Answer answer) throws SqlApiException {
    Map<String, Object> body = answer.body();
    String handle = String.valueOf(body.getOrDefault("statementHandle", ""));
    if (answer.status() == 202) {
      return new Submitted(handle, Optional.empty());
    }
    return new Submitted(handle, Optional.of(result(answer, handle, null)));
  }

  private StatementResult result(Answer answer, String handle, Deadline deadline)
      throws SqlApiException {
    if (answer.status() == 422 || answer.status() == 408) {
      throw answer.failure(Kind.FAILED);
    }
    if (answer.status() == 401) {
      jwt.invalidate();
      throw answer.failure(Kind.AUTH);
    }
    if (answer.status() != 200) {
      throw answer.failure(Kind.REFUSED);
    }
    Map<String, Object> body = answer.body();
    List<String> columns = new ArrayList<>();
    int partitions = 1;
    if (body.get("resultSetMetaData") instanceof Map<?, ?> meta) {
      if (meta.get("rowType") instanceof List<?> types) {
        for (Object type : types) {
          if (type instanceof Map<?, ?> t) {
            columns.add(String.valueOf(t.get("name")));
          }
        }
      }
      if (meta.get("partitionInfo") instanceof List<?> info && !info.isEmpty()) {
        partitions = info.size();
      }
    }
    List<List<String>> rows = new ArrayList<>(rowsOf(body));
    for (int p = 1; p < partitions; p++) {
      Answer next =
          get(handle, p, deadline == null ? Deadline.in(Duration.ofSeconds(30)) : deadline);
      if (next.status() != 200) {
        throw next.failure(Kind.REFUSED);
      }
      rows.addAll(rowsOf(next.body()));
    }
    return new StatementResult(handle, columns, rows);
  }

  private static List<List<String>> rowsOf(Map<String, Object> body) {
    List<List<String>> rows = new ArrayList<>();
    if (body.get("data") instanceof List<?> data) {
      for (Object row : data) {
        List<String> values = new ArrayList<>();
        if (row instanceof List<?> cells) {
          for (Object cell : cells) {
            values.add(cell == null ? null : String.valueOf(cell));
          }
        }
        rows.add(values);
      }
    }
    return rows;
  }

  private Answer get(String handle, int partition, Deadline deadline) throws SqlApiException {
    String uri =
        base + "/api/v2/statements/" + handle + (partition > 0 ? "?partition=" + partition : "");
    for (int attempt = 0; ; attempt++) {
      Answer answer = send(request(URI.create(uri), deadline).GET().build());
      if (answer.status() == 401 && attempt == 0) {
        jwt.invalidate();
        continue;
      }
      if ((answer.status() == 429 || answer.status() == 503 || answer.status() == 504)
          && attempt < ATTEMPTS
          && !deadline.passed()) {
        pause(backoff(attempt, deadline));
        continue;
      }
      return answer;
    }
  }

  private HttpRequest.Builder request(URI uri, Deadline deadline) {
    Duration timeout = deadline.remaining();
    if (timeout.compareTo(Duration.ofMillis(50)) < 0) {
      timeout = Duration.ofMillis(50);
    }
    return HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .header("Authorization", "Bearer " + jwt.token())
        .header("X-Snowflake-Authorization-Token-Type", "KEYPAIR_JWT")
        .header("User-Agent", USER_AGENT)
        .header("Accept", "application/json");
  }

  private Answer send(HttpRequest request) throws SqlApiException {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), parse(response.body()));
    } catch (ConnectException | UnresolvedAddressException e) {
      throw new SqlApiException(
          Kind.NOT_SENT,
          0,
          "",
          "",
          "cannot connect to " + base.getHost() + ": " + e.getClass().getSimpleName());
    } catch (HttpTimeoutException e) {
      throw new SqlApiException(
          Kind.NO_ANSWER, 0, "", "", "no answer from " + base.getHost() + " in time");
    } catch (IOException e) {
      if (e.getCause() instanceof ConnectException
          || e.getCause() instanceof UnresolvedAddressException) {
        throw new SqlApiException(Kind.NOT_SENT, 0, "", "", "cannot connect to " + base.getHost());
      }
      throw new SqlApiException(
          Kind.NO_ANSWER,
          0,
          "",
          "",
          "the answer from " + base.getHost() + " was lost: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SqlApiException(
          Kind.NO_ANSWER, 0, "", "", "interrupted while waiting for Snowflake");
    }
  }

  private static Map<String, Object> parse(String body) {
    if (body == null || body.isBlank()) {
      return Map.of();
    }
    try {
      return Json.parseObject(body);
    } catch (IllegalArgumentException e) {
      return Map.of("message", "a non-JSON answer");
    }
  }

  private static void pause(Duration duration) throws SqlApiException {
    try {
      Thread.sleep(Math.max(0, duration.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SqlApiException(
          Kind.NO_ANSWER, 0, "", "", "interrupted while waiting for Snowflake");
    }
  }

  private static Duration backoff(int attempt, Deadline deadline) {
    long millis = (long) (100 * Math.pow(2, attempt) * (0.5 + Math.random()));
    Duration wait = Duration.ofMillis(millis);
    return wait.compareTo(deadline.remaining()) < 0 ? wait : deadline.remaining();
  }

  /** One HTTP answer. */
  private record Answer(int status, Map<String, Object> body) {

    SqlApiException failure(Kind kind) {
      String code = String.valueOf(body.getOrDefault("code", ""));
      Kind effective = kind;
      if (status == 401 || SqlApiException.AUTH_CODES.contains(code)) {
        effective = Kind.AUTH;
      }
      return new SqlApiException(
          effective,
          status,
          code,
          String.valueOf(body.getOrDefault("sqlState", "")),
          String.valueOf(body.getOrDefault("message", "HTTP " + status)));
    }
  }
}
