package io.continuity.lab.sqlserver;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal TDS 7.4 server in front of one simulated replica, enough for Microsoft's mssql-jdbc
 * with {@code encrypt=false}: PRELOGIN answered with ENCRYPT_NOT_SUP (no TLS at all), LOGIN7
 * answered with LOGINACK, ENVCHANGE and DONE (or ERROR 18456 for a wrong password), and SQL_BATCH
 * requests answered with COLMETADATA, ROW and DONE tokens, or ERROR with the simulator's error
 * number. Formats from [MS-TDS] (packet header 2.2.3.1, PRELOGIN 2.2.6.5, LOGIN7 2.2.6.4, SQLBatch
 * 2.2.6.7 with ALL_HEADERS 2.2.5.3, tokens COLMETADATA 2.2.7.4, ROW 2.2.7.19, DONE 2.2.7.6, ERROR
 * 2.2.7.10, LOGINACK 2.2.7.14, ENVCHANGE 2.2.7.9; data types 2.2.5.4/2.2.5.5). Column types follow
 * the DMV documentation: LSNs numeric(25,0), queue sizes bigint, times datetime, flags bit, error
 * numbers int, the rest nvarchar.
 */
public final class TdsResponder implements AutoCloseable {

  /** A responder for one replica of {@code sim} ({@link ReplicaBackend}). */
  public static TdsResponder forReplica(
      AgSimulator sim, AgSimulator.Replica replica, String password) throws IOException {
    return new TdsResponder(new ReplicaBackend(sim, replica), password);
  }

  /** Answers one batch on one replica. */
  public interface Backend {
    /**
     * @return rows (every row with the same labels)
     */
    List<Map<String, Object>> query(String sqlWithPlaceholders, Object... parameters)
        throws SQLException;

    void execute(String sql) throws SQLException;

    /** False when the replica is down or fenced: the connection is dropped. */
    boolean accepting();
  }

  private static final int PACKET = 4096;
  private static final Pattern LITERAL = Pattern.compile("N'((?:[^']|'')*)'");

  private final ServerSocket server;
  private final ExecutorService pool =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "tds-responder");
            t.setDaemon(true);
            return t;
          });
  private final Backend backend;
  private final String password;

  public TdsResponder(Backend backend, String password) throws IOException {
    this.backend = backend;
    this.password = password;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    pool.submit(this::acceptLoop);
  }

  public int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        if (!backend.accepting()) {
          s.close();
          continue;
        }
        pool.submit(() -> serve(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket;
        DataInputStream in = new DataInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream()) {
      while (true) {
        Message m = read(in);
        if (m == null) {
          return;
        }
        switch (m.type) {
          case 0x12 -> send(out, 0x04, prelogin());
          case 0x10 -> {
            if (!password.equals(loginPassword(m.data))) {
              TdsTokens t = new TdsTokens();
              t.error(18456, 1, 14, "Login failed for user 'continuity'.");
              t.done(0x02, 0);
              send(out, 0x04, t.bytes());
              return;
            }
            send(out, 0x04, loginAck());
          }
          case 0x01 -> send(out, 0x04, batch(sqlText(m.data)));
          case 0x06 -> send(out, 0x04, new TdsTokens().done(0x20, 0).bytes()); // attention ack
          default -> {
            return;
          }
        }
        if (!backend.accepting()) {
          return;
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private record Message(int type, byte[] data) {}

  private static Message read(DataInputStream in) throws IOException {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    int type = -1;
    while (true) {
      byte[] header = new byte[8];
      try {
        in.readFully(header);
      } catch (IOException e) {
        return null;
      }
      type = header[0] & 0xFF;
      int status = header[1] & 0xFF;
      int length = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
      byte[] body = new byte[length - 8];
      in.readFully(body);
      data.write(body);
      if ((status & 0x01) != 0) {
        return new Message(type, data.toByteArray());
      }
    }
  }

  private static void send(OutputStream out, int type, byte[] payload) throws IOException {
    int offset = 0;
    int id = 1;
    do {
      int n = Math.min(PACKET - 8, payload.length - offset);
      boolean last = offset + n >= payload.length;
      byte[] header = {
        (byte) type,
        (byte) (last ? 0x01 : 0x00),
        (byte) ((n + 8) >> 8),
        (byte) (n + 8),
        0,
        0,
        (byte) id++,
        0
      };
      out.write(header);
      out.write(payload, offset, n);
      offset += n;
    } while (offset < payload.length);
    out.flush();
  }

  /** PRELOGIN response: VERSION 16.0.1000, ENCRYPTION = ENCRYPT_NOT_SUP (2). */
  private static byte[] prelogin() {
    return new byte[] {
      0x00,
      0x00,
      0x0B,
      0x00,
      0x06, // VERSION at 11, length 6
      0x01,
      0x00,
      0x11,
      0x00,
      0x01, // ENCRYPTION at 17, length 1
      (byte) 0xFF,
      16,
      0,
      0x03,
      (byte) 0xE8,
      0,
      0, // 16.0.1000, subbuild 0
      0x02
    };
  }

  /** LOGIN7: the password's offset/length at 44/46, obfuscated per [MS-TDS] 2.2.6.4. */
  private static String loginPassword(byte[] login) {
    int offset = u16(login, 44);
    int chars = u16(login, 46);
    byte[] raw = new byte[chars * 2];
    for (int i = 0; i < raw.length; i++) {
      int b = (login[offset + i] & 0xFF) ^ 0xA5;
      raw[i] = (byte) (((b & 0x0F) << 4) | ((b & 0xF0) >> 4));
    }
    return new String(raw, StandardCharsets.UTF_16LE);
  }

  private static byte[] loginAck() {
    TdsTokens t = new TdsTokens();
    t.envChange(1, "master", "master");
    t.envChange(4, Integer.toString(PACKET), Integer.toString(PACKET));
    // LOGINACK: interface 1 (T-SQL), TDS 7.4 (0x74000004, big-endian), program name, version
    ByteArrayOutputStream ack = new ByteArrayOutputStream();
    ack.write(1);
    ack.writeBytes(new byte[] {0x74, 0x00, 0x00, 0x04});
    byte[] name = "Microsoft SQL Server".getBytes(StandardCharsets.UTF_16LE);
    ack.write(name.length / 2);
    ack.writeBytes(name);
    ack.writeBytes(new byte[] {16, 0, 0x03, (byte) 0xE8});
    t.token(0xAD, ack.toByteArray());
    t.done(0x00, 0);
    return t.bytes();
  }

  /** SQLBatch: ALL_HEADERS (its first DWORD is its total length), then UCS-2 text. */
  private static String sqlText(byte[] data) {
    int headers =
        (data[0] & 0xFF) | (data[1] & 0xFF) << 8 | (data[2] & 0xFF) << 16 | (data[3] & 0xFF) << 24;
    return new String(data, headers, data.length - headers, StandardCharsets.UTF_16LE);
  }

  private byte[] batch(String sql) {
    TdsTokens t = new TdsTokens();
    try {
      List<Object> parameters = new ArrayList<>();
      Matcher m = LITERAL.matcher(sql);
      StringBuilder template = new StringBuilder();
      while (m.find()) {
        parameters.add(m.group(1).replace("''", "'"));
        m.appendReplacement(template, "?");
      }
      m.appendTail(template);
      if (sql.startsWith("SELECT")) {
        List<Map<String, Object>> rows = backend.query(template.toString(), parameters.toArray());
        List<String> columns = columnsOf(template.toString());
        t.colMetadata(columns);
        for (Map<String, Object> row : rows) {
          t.row(columns, row);
        }
        t.done(0x10, rows.size());
      } else {
        backend.execute(sql);
        t.done(0x00, 0);
      }
    } catch (SQLException e) {
      t.error(e.getErrorCode(), 1, 16, e.getMessage());
      t.done(0x02, 0);
    }
    return t.bytes();
  }

  /** The labels a SELECT returns, in order: "x AS label" or the column after the alias dot. */
  static List<String> columnsOf(String select) {
    String list = select.substring("SELECT ".length(), select.indexOf(" FROM "));
    List<String> labels = new ArrayList<>();
    int depth = 0;
    StringBuilder item = new StringBuilder();
    for (char c : list.toCharArray()) {
      if (c == '(') depth++;
      if (c == ')') depth--;
      if (c == ',' && depth == 0) {
        labels.add(label(item.toString()));
        item.setLength(0);
      } else {
        item.append(c);
      }
    }
    labels.add(label(item.toString()));
    return labels;
  }

  private static String label(String item) {
    String s = item.trim();
    int as = s.toUpperCase().lastIndexOf(" AS ");
    if (as >= 0) {
      return s.substring(as + 4).trim();
    }
    return s.substring(s.lastIndexOf('.') + 1);
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
  }

  @Override
  public void close() throws IOException {
    server.close();
    pool.shutdownNow();
  }
}
