package io.continuity.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The server settings every lab node shares (in {@code postgresql.conf}, which pg_basebackup and
 * pg_rewind copy): loopback only, fast rather than durable, everything streaming replication and
 * pg_rewind need ({@code wal_level=replica}, slots, {@code wal_log_hints}, hot standby).
 */
final class LabServerSettings {

  private LabServerSettings() {}

  static void append(Path conf, Path labDir) {
    String settings =
        String.join(
            "\n",
            "",
            "# continuity-lab: fast, loopback only, never durable",
            "listen_addresses = '" + PostgresNode.HOST + "'",
            "unix_socket_directories = '" + labDir + "'",
            "fsync = off",
            "synchronous_commit = off",
            "full_page_writes = on",
            "wal_level = replica",
            "wal_log_hints = on",
            "max_wal_senders = 10",
            "max_replication_slots = 10",
            "wal_keep_size = '128MB'",
            "hot_standby = on",
            "hot_standby_feedback = on",
            "wal_receiver_status_interval = '1s'",
            "wal_retrieve_retry_interval = '500ms'",
            "shared_buffers = '16MB'",
            "max_connections = 40",
            "log_min_messages = warning",
            "");
    try {
      Files.writeString(conf, settings, java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new LabException("could not configure " + conf, e);
    }
  }
}
