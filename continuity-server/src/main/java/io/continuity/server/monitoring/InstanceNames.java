package io.continuity.server.monitoring;

import java.io.IOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.HexFormat;

/** This instance's name in the prober lease, named the way the execution engine names runners. */
final class InstanceNames {

  private InstanceNames() {}

  /** {@code configured} when set; otherwise the host name and a random suffix. */
  static String orGenerated(String configured) {
    if (configured != null && !configured.isBlank()) {
      return configured.strip();
    }
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "unknown-host";
    }
    byte[] suffix = new byte[4];
    new SecureRandom().nextBytes(suffix);
    return host + "-" + HexFormat.of().formatHex(suffix);
  }
}
