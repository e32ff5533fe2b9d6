package io.continuity.lab.snowflake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.continuity.connector.support.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  private static final Pattern ALTER_GROUP =
      Pattern.compile(
          "ALTER FAILOVER GROUP (\\w+) (REFRESH|PRIMARY|SUSPEND IMMEDIATE|SUSPEND|RESUME)");
  private static final Pattern ALTER_USER =
      Pattern.compile("ALTER USER (\\w+) SET DISABLED = (TRUE|FALSE)");
  private static final Pattern HISTORY =
      Pattern.compile(
          "SELECT PHASE_NAME, JOB_UUID, .* FROM TABLE\\((?:(\\w+)\\.)?INFORMATION_SCHEMA"
              + "\\.REPLICATION_GROUP_REFRESH_HISTORY\\('(\\w+)'\\)\\) ORDER BY START_TIME DESC"
              + " LIMIT (\\d+)");
  private static final Pattern ALTER_CONNECTION =
      Pattern.compile("ALTER CONNECTION (\\w+) PRIMARY");
  private static final Pattern SHOW_SCHEMAS = Pattern.compile("SHOW SCHEMAS IN DATABASE (\\w+)");

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
        send(exchange, 400, error("391903", "", "User-Agent header is missing", null));
        return;
      }
      if (!authenticated(exchange)) {
        send(
            exchange,
            401,
            error("390144", "", "JWT token is invalid. [" + UUID.randomUUID() + "]", null));
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
        send(exchange, 400, error("391900", "", "requestId must be a UUID", null));
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
    Stmt stmt = execute(text, body);
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
          error(
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

  // ---- statements ----

  /** One submitted statement: rows, a failure, or a refresh job it waits for. */
  private static final class Stmt {
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
  }

  private Stmt execute(String text, Map<String, Object> body) {
    Stmt stmt = new Stmt(text);
    executed.add(text);
    String sql = text.replaceAll("\\s+", " ").trim();
    String upper = sql.toUpperCase(Locale.ROOT);
    if (upper.startsWith("USE ")) {
      // [3p] noetl/tools wiki: 391911 for USE, which the SQL API does not support
      stmt.failure = error("391911", "0A000", "USE is not supported by the SQL API", stmt.handle);
      return stmt;
    }
    synchronized (org) {
      if (upper.equals("SHOW FAILOVER GROUPS")) {
        showFailoverGroups(stmt);
      } else if (upper.equals(
          "SELECT DATE_PART(EPOCH_MICROSECOND, CURRENT_TIMESTAMP()) AS NOW_US")) {
        stmt.columns = List.of("NOW_US");
        stmt.rows = List.of(List.of(Long.toString(org.nowMicros())));
      } else if (HISTORY.matcher(upper).matches()) {
        history(stmt, HISTORY.matcher(upper), body);
      } else if (ALTER_GROUP.matcher(upper).matches()) {
        Matcher m = ALTER_GROUP.matcher(upper);
        m.matches();
        alterGroup(stmt, m.group(1), m.group(2));
      } else if (ALTER_USER.matcher(upper).matches()) {
        Matcher m = ALTER_USER.matcher(upper);
        m.matches();
        if (m.group(2).equals("TRUE")) {
          disabledUsers.add(m.group(1));
        } else {
          disabledUsers.remove(m.group(1));
        }
      } else if (upper.equals("SHOW CONNECTIONS")) {
        showConnections(stmt);
      } else if (ALTER_CONNECTION.matcher(upper).matches()) {
        Matcher m = ALTER_CONNECTION.matcher(upper);
        m.matches();
        if (!m.group(1).equals(org.connection)) {
          stmt.failure = notExists("Connection '" + m.group(1) + "'", stmt);
        } else {
          org.connectionPrimary = name;
        }
      } else if (SHOW_SCHEMAS.matcher(upper).matches()) {
        Matcher m = SHOW_SCHEMAS.matcher(upper);
        m.matches();
        if (!m.group(1).equals(org.database)) {
          stmt.failure = notExists("Database '" + m.group(1) + "'", stmt);
        } else {
          stmt.columns = List.of("created_on", "name", "database_name");
          stmt.rows =
              List.of(
                  List.of("2026-01-01 00:00:00.000 +0000", "INFORMATION_SCHEMA", org.database),
                  List.of("2026-01-01 00:00:00.000 +0000", "PUBLIC", org.database));
        }
      } else {
        stmt.failure =
            error(
                "001003",
                "42000",
                "SQL compilation error:\nsyntax error line 1 at position 0 unexpected '"
                    + sql.split(" ")[0]
                    + "'.",
                stmt.handle);
      }
    }
    return stmt;
  }

  /**
   * [doc] sql-reference/sql/show-failover-groups: "Lists the primary and secondary failover groups
   * in your account, as well as the failover groups in other accounts that are associated with your
   * account" — one row per account, lower-case columns.
   */
  private void showFailoverGroups(Stmt stmt) {
    stmt.columns =
        List.of(
            "region_group",
            "snowflake_region",
            "created_on",
            "account_name",
            "name",
            "type",
            "comment",
            "is_primary",
            "primary",
            "object_types",
            "allowed_integration_types",
            "allowed_accounts",
            "organization_name",
            "account_locator",
            "replication_schedule",
            "secondary_state",
            "next_scheduled_refresh",
            "owner",
            "is_listing_auto_fulfillment_group");
    List<List<String>> rows = new ArrayList<>();
    String primary = FakeSnowflake.ORG + "." + org.primaryAccount + "." + org.group;
    Set<String> allowed = new LinkedHashSet<>();
    org.accounts.keySet().forEach(a -> allowed.add(FakeSnowflake.ORG + "." + a));
    for (FakeAccount a : org.accounts.values()) {
      boolean isPrimary = org.isPrimary(a);
      List<String> row = new ArrayList<>();
      row.add("");
      row.add("AWS_EU_WEST_1");
      row.add("2026-01-01 00:00:00.000 +0000");
      row.add(a.name);
      row.add(org.group);
      row.add("FAILOVER");
      row.add(null);
      row.add(Boolean.toString(isPrimary));
      row.add(primary);
      row.add("DATABASES");
      row.add("");
      row.add(String.join(",", allowed));
      row.add(FakeSnowflake.ORG);
      row.add("LOC" + a.name);
      row.add(org.scheduleInterval == null ? "" : org.scheduleInterval.toMinutes() + " MINUTE");
      row.add(isPrimary ? null : a.secondaryState);
      row.add(null);
      row.add("ACCOUNTADMIN");
      row.add("false");
      rows.add(row);
    }
    stmt.rows = rows;
  }

  /** [doc] sql-reference/sql/show-connections (Client Redirect): one row per account's replica. */
  private void showConnections(Stmt stmt) {
    stmt.columns =
        List.of(
            "snowflake_region",
            "created_on",
            "account_name",
            "name",
            "comment",
            "is_primary",
            "primary",
            "failover_allowed_to_accounts",
            "connection_url",
            "organization_name",
            "account_locator");
    List<List<String>> rows = new ArrayList<>();
    for (FakeAccount a : org.accounts.values()) {
      List<String> row = new ArrayList<>();
      row.add("AWS_EU_WEST_1");
      row.add("2026-01-01 00:00:00.000 +0000");
      row.add(a.name);
      row.add(org.connection);
      row.add(null);
      row.add(Boolean.toString(a.name.equals(org.connectionPrimary)));
      row.add(FakeSnowflake.ORG + "." + org.connectionPrimary + "." + org.connection);
      row.add("");
      row.add("myorg-app_conn.snowflakecomputing.com");
      row.add(FakeSnowflake.ORG);
      row.add("LOC" + a.name);
      rows.add(row);
    }
    stmt.rows = rows;
  }

  /**
   * [doc] sql-reference/functions/replication_group_refresh_history: an Information Schema function
   * needs a database in use or a qualified name (else 090105, "does not have a current database").
   */
  private void history(Stmt stmt, Matcher m, Map<String, Object> body) {
    m.matches();
    String db = m.group(1) != null ? m.group(1) : (String) body.get("database");
    if (db == null) {
      stmt.failure =
          error(
              "090105",
              "22000",
              "Cannot perform SELECT. This session does not have a current database. Call 'USE"
                  + " DATABASE', or use a qualified name.",
              stmt.handle);
      return;
    }
    if (!m.group(2).equals(org.group)) {
      stmt.failure = notExists("Replication group '" + m.group(2) + "'", stmt);
      return;
    }
    int limit = Integer.parseInt(m.group(3));
    stmt.columns = List.of("PHASE_NAME", "JOB_UUID", "START_US", "END_US", "SNAPSHOT_US", "ERROR");
    List<List<String>> rows = new ArrayList<>();
    for (FakeSnowflake.Job job : history) {
      if (rows.size() >= limit) {
        break;
      }
      List<String> row = new ArrayList<>();
      row.add(job.phaseName());
      row.add(job.uuid);
      row.add(Long.toString(job.start));
      row.add(job.end == null ? null : Long.toString(job.end));
      row.add(job.snapshot == null ? null : Long.toString(job.snapshot));
      row.add(job.error == null ? null : Json.write(Map.of("message", job.error)));
      rows.add(row);
    }
    stmt.rows = rows;
  }

  private void alterGroup(Stmt stmt, String group, String action) {
    if (!group.equals(org.group)) {
      stmt.failure = notExists("Failover group '" + group + "'", stmt);
      return;
    }
    boolean primary = org.isPrimary(this);
    FakeSnowflake.Job running = org.running(this);
    switch (action) {
      case "REFRESH" -> {
        if (primary) {
          stmt.failure =
              refused("the failover group is primary in this account: nothing to refresh", stmt);
        } else if (running != null) {
          stmt.failure =
              refused(
                  "a refresh of " + group + " is already in progress (" + running.uuid + ")", stmt);
        } else {
          stmt.job = org.startRefresh(this);
          stmt.columns = List.of("status");
          stmt.rows = List.of(List.of("Refresh " + stmt.job.uuid + " completed."));
        }
      }
      case "PRIMARY" -> {
        if (primary) {
          stmt.failure = refused("the failover group is already primary in this account", stmt);
        } else if (running != null) {
          stmt.failure =
              refused("a refresh is in progress (" + running.uuid + "): suspend it first", stmt);
        } else {
          org.promote(this);
        }
      }
      case "SUSPEND", "SUSPEND IMMEDIATE" -> {
        if (primary) {
          stmt.failure = refused("SUSPEND applies to a secondary failover group", stmt);
        } else {
          secondaryState = "SUSPENDED";
          if (action.endsWith("IMMEDIATE") && running != null) {
            org.cancel(running);
          }
        }
      }
      case "RESUME" -> {
        if (primary) {
          stmt.failure = refused("RESUME applies to a secondary failover group", stmt);
        } else {
          secondaryState = "STARTED";
        }
      }
      default -> throw new IllegalStateException(action);
    }
  }

  private static Map<String, Object> notExists(String what, Stmt stmt) {
    return error(
        "002003",
        "02000",
        "SQL compilation error:\n" + what + " does not exist or not authorized.",
        stmt.handle);
  }

  /** The fake's own refusal (code and text are not documented: VERIFY on a real account). */
  private static Map<String, Object> refused(String message, Stmt stmt) {
    return error("003000", "0A000", message, stmt.handle);
  }

  private static Map<String, Object> error(
      String code, String sqlState, String message, String handle) {
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

  // ---- JWT ----

  /** RS256 with the registered key, iss/sub format, at most one hour, not expired. */
  /**
   * Snowflake's public-key fingerprint, computed here independently of the connector: {@code
   * SHA256:} + base64(SHA-256(DER SubjectPublicKeyInfo)) ("Key-pair authentication and key-pair
   * rotation", docs.snowflake.com/en/user-guide/key-pair-auth).
   */
  public static String fingerprint(PublicKey key) throws java.security.GeneralSecurityException {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
    return "SHA256:" + Base64.getEncoder().encodeToString(digest);
  }

  private boolean authenticated(HttpExchange exchange) {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    String type = exchange.getRequestHeaders().getFirst("X-Snowflake-Authorization-Token-Type");
    if (auth == null || !auth.startsWith("Bearer ") || !"KEYPAIR_JWT".equals(type)) {
      return false;
    }
    String[] parts = auth.substring(7).split("\\.");
    if (parts.length != 3) {
      return false;
    }
    try {
      Map<String, Object> header = Json.parseObject(decode(parts[0]));
      Map<String, Object> claims = Json.parseObject(decode(parts[1]));
      if (!"RS256".equals(header.get("alg"))) {
        return false;
      }
      String sub = String.valueOf(claims.get("sub"));
      String iss = String.valueOf(claims.get("iss"));
      String account = identifier().toUpperCase(Locale.ROOT);
      if (!sub.startsWith(account + ".") || !sub.equals(sub.toUpperCase(Locale.ROOT))) {
        return false;
      }
      PublicKey key = keys.get(sub.substring(account.length() + 1));
      if (key == null || !iss.equals(sub + "." + fingerprint(key))) {
        return false;
      }
      long iat = ((Number) claims.get("iat")).longValue();
      long exp = ((Number) claims.get("exp")).longValue();
      long now = System.currentTimeMillis() / 1000;
      if (exp - iat > 3600 || exp <= now || iat > now + 60) {
        return false;
      }
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initVerify(key);
      signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      return signature.verify(Base64.getUrlDecoder().decode(parts[2]));
    } catch (Exception e) {
      return false;
    }
  }

  private static String decode(String part) {
    return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
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
