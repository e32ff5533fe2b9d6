package io.continuity.lab;

import io.continuity.lab.mongodb.FakeReplicaSet;
import io.continuity.lab.snowflake.FakeAccount;
import io.continuity.lab.snowflake.FakeSnowflake;
import io.continuity.lab.sqlserver.AgSimulator;
import io.continuity.lab.sqlserver.TdsResponder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The three platform fakes of the demo, running together on free loopback ports: a three-member
 * MongoDB replica set (two members in site {@code east}, one in {@code west}), a SQL Server
 * availability group (two synchronous replicas in {@code east}, an asynchronous one in {@code
 * west}) each behind its own {@link TdsResponder}, and two Snowflake accounts ({@code EAST}
 * primary, {@code WEST} secondary) behind the SQL API fake with a refresh schedule. A background
 * writer commits one change per second on whichever side is primary, so markers move.
 *
 * <p>Credentials live in files of the fakes' directory (mode 600) and the inventory references them
 * ({@code file:...}): the SQL Server login, the MongoDB password, and for Snowflake an RSA key pair
 * generated here, whose public half the fake registers and checks every JWT against.
 */
public final class DemoFakes implements AutoCloseable {

  static final String MONGO_USER = "continuity";
  static final String SQL_GROUP = "AG_PAYMENTS";
  static final List<String> SQL_DATABASES = List.of("Payments", "Ledger");
  static final String SNOWFLAKE_USER = "CONTINUITY";
  static final String SNOWFLAKE_GROUP = "ANALYTICS_FG";
  static final String SNOWFLAKE_DATABASE = "ANALYTICS";

  private final Path dir;
  private final FakeReplicaSet mongo;
  private final AgSimulator ag;
  private final Map<String, TdsResponder> responders = new LinkedHashMap<>();
  private final FakeSnowflake snowflake;
  private final ScheduledExecutorService writer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "demo-fakes-writer");
            t.setDaemon(true);
            return t;
          });
  private long written;

  private DemoFakes(Path dir) throws Exception {
    this.dir = dir;
    List<AutoCloseable> started = new ArrayList<>();
    try {
      Map<String, Integer> counts = new LinkedHashMap<>();
      counts.put("east", 2);
      counts.put("west", 1);
      mongo =
          FakeReplicaSet.start("rs0", counts).requireLogin(MONGO_USER, secret("mongo-password"));
      started.add(mongo);
      ag =
          new AgSimulator(SQL_GROUP, SQL_DATABASES, dir, Duration.ofMillis(300), null)
              .replica("SQLPAY01", "east", "east-1", "SYNCHRONOUS_COMMIT", "PRIMARY")
              .replica("SQLPAY02", "east", "east-2", "SYNCHRONOUS_COMMIT", "SECONDARY")
              .replica("SQLPAY03", "west", "west-1", "ASYNCHRONOUS_COMMIT", "SECONDARY");
      String sqlPassword = secret("sqlserver-password");
      store("sqlserver-user", "continuity");
      for (AgSimulator.Replica r : ag.replicas.values()) {
        TdsResponder responder = TdsResponder.forReplica(ag, r, sqlPassword);
        started.add(responder);
        responders.put(r.member, responder);
      }
      snowflake =
          new FakeSnowflake(
              SNOWFLAKE_GROUP, SNOWFLAKE_DATABASE, Duration.ofSeconds(5), "EAST", "WEST");
      started.add(snowflake);
      KeyPair keys = rsaKeyPair();
      snowflake.registerKey(SNOWFLAKE_USER, keys.getPublic());
      store("snowflake-user", SNOWFLAKE_USER);
      store("snowflake-key.p8", pem(keys));
    } catch (Exception e) {
      for (AutoCloseable c : started) {
        closeQuietly(c);
      }
      throw e;
    }
    writer.scheduleWithFixedDelay(this::writeOnce, 0, 1, TimeUnit.SECONDS);
  }

  /**
   * Starts the fakes with their files in a new directory under {@code parent} (the system's
   * temporary directory when null).
   */
  public static DemoFakes start(Path parent) {
    try {
      Path dir =
          parent == null
              ? Files.createTempDirectory("continuity-fakes-")
              : Files.createTempDirectory(Files.createDirectories(parent), "continuity-fakes-");
      return new DemoFakes(dir);
    } catch (Exception e) {
      throw new LabException("could not start the platform fakes", e);
    }
  }

  /** The directory of the fakes' credential files and fence markers. */
  public Path directory() {
    return dir;
  }

  /** The replica set (two members in east, one in west). */
  public FakeReplicaSet mongo() {
    return mongo;
  }

  /** The availability group simulator. */
  public AgSimulator availabilityGroup() {
    return ag;
  }

  /** The Snowflake accounts EAST (primary at start) and WEST. */
  public FakeSnowflake snowflake() {
    return snowflake;
  }

  /** The TDS port of one SQL Server replica, by member name ({@code east-1}, …). */
  public int sqlServerPort(String member) {
    return responders.get(member).port();
  }

  /** A credential file of the fakes (read by the connectors through {@code file:} references). */
  public Path secretFile(String name) {
    return dir.resolve(name);
  }

  /** How many demo writes each platform's primary took so far (per platform, at most). */
  public synchronized long written() {
    return written;
  }

  private synchronized void writeOnce() {
    written++;
    try {
      mongo.insertOnPrimary("demo", "orders", written);
    } catch (RuntimeException e) {
      // an election or a switchover in progress: the next tick writes again
    }
    try {
      ag.write(1);
    } catch (RuntimeException e) {
      // no primary takes writes right now (failover recovery): next tick
    }
    try {
      for (FakeAccount a : snowflake.accounts.values()) {
        if (snowflake.write(a, 1)) {
          break;
        }
      }
    } catch (RuntimeException e) {
      // quiesced for a switchover: next tick
    }
  }

  private String secret(String file) throws IOException {
    byte[] random = new byte[18];
    new java.security.SecureRandom().nextBytes(random);
    String value = "Lab-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    store(file, value);
    return value;
  }

  private void store(String file, String value) throws IOException {
    Path path = dir.resolve(file);
    Files.writeString(path, value + "\n");
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the directory is private to this user anyway
    }
  }

  private static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("RSA unavailable", e);
    }
  }

  /** PKCS#8, unencrypted, PEM: the form Snowflake's key-pair documentation generates. */
  private static String pem(KeyPair keys) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .encodeToString(keys.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----";
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // tearing down: keep closing the others
    }
  }

  /** Stops the writer and every fake, and deletes the directory (credentials included). */
  @Override
  public void close() {
    writer.shutdownNow();
    closeQuietly(snowflake);
    responders.values().forEach(DemoFakes::closeQuietly);
    closeQuietly(mongo);
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e.getMessage());
    }
  }
}
