package io.continuity.lab.snowflake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.continuity.connector.support.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One fake Snowflake account behind a JDK {@code HttpServer} on a loopback port, answering the SQL
 * API v2 as [src] snowflakedb/snowflake-rest-api-specs: specifications/sqlapi.yaml describes it:
 * {@code POST /api/v2/statements} (200 ResultSet, 202 QueryStatus, 422 QueryFailureStatus), {@code
 * GET /api/v2/statements/{handle}[?partition=n]}, {@code POST …/cancel}; the required User-Agent;
 * JSON only (415); a {@code requestId} seen before answers with the first statement and never runs
 * it again ("ensures that the execution is idempotent"); key-pair JWTs checked the way
 * developer-guide/sql-api/authenticating describes (RS256 with the user's registered public key,
 * {@code iss} = ACCOUNT.USER.SHA256:fp, {@code sub} = ACCOUNT.USER, at most one hour, not expired),
 * else 401 {@code {"code":"390144","message":"JWT token is invalid. [..]"}}.
 */
public final class FakeAccount {

  public final FakeSnowflake org;
  public final String name;
  public final List<FakeSnowflake.Job> history = new CopyOnWriteArrayList<>();
  public final Set<String> disabledUsers = ConcurrentHashMap.newKeySet();
  public final List<String> executed = new CopyOnWriteArrayList<>();
  public final List<String> replayed = new CopyOnWriteArrayList<>();
  public volatile List<Long> data = new ArrayList<>();
  public volatile String secondaryState = "STARTED";
  public volatile boolean up;
  public volatile int partitionSize = 1000;

  /** Statement POSTs whose answer is lost after the statement ran (the connection just closes). */
  public final java.util.concurrent.atomic.AtomicInteger dropAnswers =
      new java.util.concurrent.atomic.AtomicInteger();

  /** Requests answered with this HTTP status before anything runs (429, 503, 504). */
  public final java.util.concurrent.atomic.AtomicInteger busyAnswers =
      new java.util.concurrent.atomic.AtomicInteger();

  public volatile int busyStatus = 503;

  /** Only statements containing this text have their answers lost (any when empty). */
  public volatile String dropOnly = "";

  public final List<String> requestQueries = new CopyOnWriteArrayList<>();
  private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();
  private final Map<String, Stmt> byHandle = new ConcurrentHashMap<>();
  private final Map<String, Stmt> byRequestId = new ConcurrentHashMap<>();
  private final ExecutorService pool =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "fake-snowflake-http");
            t.setDaemon(true);
            return t;
          });
  private final StatementAnswers statements = new StatementAnswers(this);
  private HttpServer server;
  private int port;

  public FakeAccount(FakeSnowflake org, String name) throws IOException {
    this.org = org;
    this.name = name;
    start();
  }

  /** The identifier in organization form, as the JWT and the inventory name it. */
  public String identifier() {
    return FakeSnowflake.ORG + "-" + name;
  }

  public int port() {
    return port;
  }

  public void registerKey(String user, PublicKey key) {
    keys.put(user.toUpperCase(Locale.ROOT), key);
  }

  public synchronized void start() throws IOException {
    if (up) {
      return;
    }
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext("/", this::handle);
    server.setExecutor(pool);
    server.start();
    port = server.getAddress().getPort();
    up = true;
  }

  /** The account's region is lost: connections are refused. */
  public synchronized void stop() {
    if (server != null) {
      server.stop(0);
    }
    up = false;
  }

  // ---- HTTP ----

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      if (exchange.getRequestHeaders().getFirst("User-Agent") == null) {
        send(exchange, 400, Stmt.error("391903", "", "User-Agent header is missing", null));
        return;
      }
      if (!JwtCheck.authenticated(exchange, identifier(), keys)) {
        send(
            exchange,
            401,
            Stmt.error("390144", "", "JWT token is invalid. [" + UUID.randomUUID() + "]", null));
        return;
      }
      if (busyAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        // [src] sqlapi.yaml: 429 rate limit, 503/504 "not processed ... retry with backoff"
        send(exchange, busyStatus, Map.of("message", "Service Unavailable"));
        return;
      }
      if (path.equals("/api/v2/statements") && exchange.getRequestMethod().equals("POST")) {
        requestQueries.add(String.valueOf(exchange.getRequestURI().getRawQuery()));
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type != null && !type.startsWith("application/json")) {
          send(exchange, 415, Map.of("message", "Unsupported media type"));
          return;
        }
        submit(exchange, query);
      } else if (path.startsWith("/api/v2/statements/")
          && exchange.getRequestMethod().equals("GET")) {
        Stmt stmt = byHandle.get(path.substring("/api/v2/statements/".length()));
        if (stmt == null) {
          send(exchange, 404, Map.of("message", "statement not found"));
          return;
        }
        int partition = Integer.parseInt(query.getOrDefault("partition", "0"));
        answer(exchange, stmt, partition);
      } else if (path.endsWith("/cancel") && exchange.getRequestMethod().equals("POST")) {
        String handle = path.substring("/api/v2/statements/".length(), path.length() - 7);
        Stmt stmt = byHandle.get(handle);
        if (stmt != null && stmt.job != null && stmt.job.running()) {
          org.cancel(stmt.job);
        }
        send(exchange, 200, Map.of("message", "successfully canceled", "statementHandle", handle));
      } else {
        send(exchange, 404, Map.of("message", "no such endpoint"));
      }
    } catch (RuntimeException e) {
      e.printStackTrace();
    }
  }

  private void submit(HttpExchange exchange, Map<String, String> query) throws IOException {
    String requestId = query.get("requestId");
    if (requestId != null) {
      try {
        UUID.fromString(requestId);
      } catch (IllegalArgumentException e) {
        send(exchange, 400, Stmt.error("391900", "", "requestId must be a UUID", null));
        return;
      }
      Stmt earlier = byRequestId.get(requestId);
      if (earlier != null) {
        replayed.add(earlier.text);
        if (earlier.text.contains(dropOnly)
            && dropAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          return;
        }
        answer(exchange, earlier, 0);
        return;
      }
    }
    Map<String, Object> body =
        Json.parseObject(
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    String text = String.valueOf(body.getOrDefault("statement", "")).trim();
    Stmt stmt = statements.execute(text, body);
    byHandle.put(stmt.handle, stmt);
    if (requestId != null) {
      byRequestId.put(requestId, stmt);
    }
    if (text.contains(dropOnly) && dropAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return; // the statement ran; closing the exchange without an answer loses it
    }
    boolean async = "true".equals(query.get("async"));
    if (!async && stmt.job != null) {
      long until = System.nanoTime() + org.syncWindow.toNanos();
      while (stmt.job.running() && System.nanoTime() < until) {
        sleep(2);
      }
    }
    answer(exchange, stmt, 0);
  }

  private void answer(HttpExchange exchange, Stmt stmt, int partition) throws IOException {
    if (stmt.job != null && stmt.job.running()) {
      Map<String, Object> status = new LinkedHashMap<>();
      status.put("code", "333334");
      status.put(
          "message",
          "Asynchronous execution in progress. Use provided query id to perform query monitoring"
              + " and management.");
      status.put("statementHandle", stmt.handle);
      status.put("statementStatusUrl", "/api/v2/statements/" + stmt.handle);
      send(exchange, 202, status);
      return;
    }
    if (stmt.job != null && stmt.failure == null && !"COMPLETED".equals(stmt.job.phaseName())) {
      stmt.failure =
          Stmt.error(
              "000604",
              "57014",
              "Refresh "
                  + stmt.job.uuid
                  + " ended "
                  + stmt.job.phaseName()
                  + (stmt.job.error == null ? "" : ": " + stmt.job.error),
              stmt.handle);
    }
    if (stmt.failure != null) {
      send(exchange, 422, stmt.failure);
      return;
    }
    int size = partitionSize;
    int partitions = Math.max(1, (stmt.rows.size() + size - 1) / size);
    List<List<String>> slice =
        stmt.rows.subList(
            Math.min(stmt.rows.size(), partition * size),
            Math.min(stmt.rows.size(), (partition + 1) * size));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("code", "090001");
    result.put("sqlState", "00000");
    result.put("message", "Statement executed successfully.");
    result.put("statementHandle", stmt.handle);
    result.put("createdOn", stmt.createdOn);
    result.put("statementStatusUrl", "/api/v2/statements/" + stmt.handle);
    if (partition == 0) {
      List<Object> rowType = new ArrayList<>();
      for (String column : stmt.columns) {
        rowType.add(Map.of("name", column, "type", "TEXT", "nullable", true));
      }
      List<Object> info = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        int rows = Math.max(0, Math.min(size, stmt.rows.size() - p * size));
        info.add(Map.of("rowCount", rows, "uncompressedSize", rows * 64));
      }
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("format", "jsonv2");
      meta.put("numRows", stmt.rows.size());
      meta.put("rowType", rowType);
      meta.put("partitionInfo", info);
      result.put("resultSetMetaData", meta);
    }
    result.put("data", new ArrayList<Object>(slice));
    send(exchange, 200, result);
  }

  /** Snowflake's public-key fingerprint (see {@link JwtCheck#fingerprint}). */
  public static String fingerprint(PublicKey key) throws java.security.GeneralSecurityException {
    return JwtCheck.fingerprint(key);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> map = new HashMap<>();
    if (raw == null) {
      return map;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        map.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return map;
  }

  private static void send(HttpExchange exchange, int status, Map<String, ?> body)
      throws IOException {
    byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
