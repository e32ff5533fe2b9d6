package io.continuity.server.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A plain HTTP/1.0 client whose connections leave from a chosen loopback address (127.0.0.2,
 * 127.0.0.3, ... are all this machine on Linux), so a test can be several client machines, or a
 * reverse proxy and a stranger, against one server. The JDK's HttpClient cannot choose its local
 * address on Java 17.
 */
public final class LoopbackHttp {

  private final String from;
  private final int port;

  private LoopbackHttp(String from, int port) {
    this.from = from;
    this.port = port;
  }

  /** Requests from {@code fromAddress} (for example {@code 127.0.0.2}) to localhost:port. */
  public static LoopbackHttp from(String fromAddress, int port) {
    return new LoopbackHttp(fromAddress, port);
  }

  public static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  public Reply get(String path, String... headers) {
    return send("GET", path, null, null, headers);
  }

  public Reply postForm(String path, String form, String... headers) {
    return send("POST", path, "application/x-www-form-urlencoded", form, headers);
  }

  /** Sends one request; {@code headers} alternate name and value. */
  public Reply send(
      String method, String path, String contentType, String body, String... headers) {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(15_000);
      StringBuilder request = new StringBuilder();
      request.append(method).append(' ').append(path).append(" HTTP/1.0\r\n");
      request.append("Host: localhost:").append(port).append("\r\n");
      for (int i = 0; i + 1 < headers.length; i += 2) {
        request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
      }
      byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      if (body != null) {
        request.append("Content-Type: ").append(contentType).append("\r\n");
        request.append("Content-Length: ").append(payload.length).append("\r\n");
      }
      request.append("\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(payload);
      out.flush();
      return Reply.parse(readAll(socket.getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException("request from " + from + " failed: " + e.getMessage(), e);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    return all.toByteArray();
  }

  /** Status, headers (names lower case, each with all its values) and body of one response. */
  public record Reply(int status, Map<String, List<String>> headers, String body) {

    static Reply parse(byte[] raw) {
      String text = new String(raw, StandardCharsets.UTF_8);
      int end = text.indexOf("\r\n\r\n");
      String head = end < 0 ? text : text.substring(0, end);
      String body = end < 0 ? "" : text.substring(end + 4);
      String[] lines = head.split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      Map<String, List<String>> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers
              .computeIfAbsent(
                  lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                  k -> new ArrayList<>())
              .add(lines[i].substring(colon + 1).strip());
        }
      }
      return new Reply(status, headers, body);
    }

    public Optional<String> header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public List<String> all(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }
  }
}
