package io.continuity.lab;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders the host actions of a lab pair as shell scripts in the lab directory, one per node and
 * action, and gives the commands that run them: what a real deployment would write as ssh commands,
 * made concrete for local servers.
 *
 * <p>Scripts follow the connector's host-action contract: they read {@code CONTINUITY_PEER_HOST}
 * and {@code CONTINUITY_PEER_PORT} for the other node (defaulting to the pair's other node), are
 * safe to run twice, print what they did, and exit non-zero on failure. As root they run the
 * binaries as the {@code postgres} user.
 */
public final class HostActionScripts {

  private final PostgresBinaries binaries;
  private final Path labDir;
  private final ProcessRunner runner;

  HostActionScripts(PostgresBinaries binaries, Path labDir, ProcessRunner runner) {
    this.binaries = binaries;
    this.labDir = labDir;
    this.runner = runner;
  }

  /** The command that runs {@code action} for {@code node} (the script is written first). */
  public String command(PostgresNode node, PostgresNode peer, HostAction action) {
    Path script = labDir.resolve("actions").resolve(node.name() + "-" + action.key() + ".sh");
    try {
      java.nio.file.Files.createDirectories(script.getParent());
      java.nio.file.Files.writeString(script, render(node, peer, action));
    } catch (java.io.IOException e) {
      throw new LabException("could not write host action script " + script, e);
    }
    return "sh " + script;
  }

  /** Every action of {@code node} as connector site settings: {@code action.stop -> command}. */
  public Map<String, String> siteSettings(PostgresNode node, PostgresNode peer) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (HostAction action : HostAction.values()) {
      settings.put("action." + action.key(), command(node, peer, action));
    }
    return settings;
  }

  /** Runs one action for a node as the connector would (used by the pair itself). */
  CommandResult run(PostgresNode node, PostgresNode peer, HostAction action) {
    return runner.runAsIs(
        PostgresNode.COMMAND_TIMEOUT, java.util.List.of("sh", "-c", command(node, peer, action)));
  }

  String render(PostgresNode node, PostgresNode peer, HostAction action) {
    StringBuilder s = new StringBuilder();
    s.append("#!/bin/sh\n")
        .append("# continuity-lab host action '")
        .append(action.key())
        .append("' for node ")
        .append(node.name())
        .append("\nset -eu\n")
        .append("cd '")
        .append(labDir)
        .append("'\n")
        .append("BIN='")
        .append(binaries.binDir())
        .append("'\nDATA='")
        .append(node.dataDir())
        .append("'\nLOG='")
        .append(node.logFile())
        .append("'\nPORT=")
        .append(node.port())
        .append("\nPEER_HOST=\"${CONTINUITY_PEER_HOST:-")
        .append(peer.host())
        .append("}\"\nPEER_PORT=\"${CONTINUITY_PEER_PORT:-")
        .append(peer.port())
        .append("}\"\n")
        .append(
            "as_pg() { if [ \"$(id -u)\" = 0 ]; then runuser -u postgres -- \"$@\"; else"
                + " \"$@\"; fi; }\n")
        .append("running() { as_pg \"$BIN/pg_ctl\" -D \"$DATA\" status >/dev/null 2>&1; }\n");
    switch (action) {
      case STOP -> s.append(stop());
      case START -> s.append(start());
      case FENCE -> s.append(fence());
      case REJOIN, REWIND -> s.append(rejoin(node));
      case CLONE -> s.append(clone(node, PostgresPair.freePort()));
      case DISCARD_CLONE -> s.append(discardClone(node));
      case FINAL_POSITION -> s.append(finalPosition());
      default -> throw new IllegalArgumentException(action.toString());
    }
    return s.toString();
  }

  /**
   * Fast shutdown without pg_ctl's wait, which looks for the postmaster's exit only every 100 ms
   * (write downtime in a switchover): signal, then watch postmaster.pid (removed when the
   * postmaster exits, after the shutdown checkpoint) every 2 ms, for up to 60 s.
   */
  private static String stop() {
    return "if running; then as_pg \"$BIN/pg_ctl\" -D \"$DATA\" -m fast -W stop\n"
        + "  n=0; while [ -f \"$DATA/postmaster.pid\" ]; do n=$((n + 1));"
        + " if [ $n -gt 30000 ]; then echo 'server did not stop within 60 s' >&2; exit 4; fi;"
        + " sleep 0.002; done\n"
        + "  echo 'server stopped'\n"
        + "else echo 'server was not running'; fi\n"
        + "as_pg \"$BIN/pg_controldata\" \"$DATA\""
        + " | grep -E '^(Database cluster state|Latest checkpoint location|Latest checkpoint.s"
        + " TimeLineID):'\n";
  }

  private static String start() {
    return "if running; then echo 'server already running'; else"
        + " as_pg \"$BIN/pg_ctl\" -D \"$DATA\" -l \"$LOG\" -w -t 60 start; fi\n";
  }

  private static String fence() {
    return "if running; then as_pg \"$BIN/pg_ctl\" -D \"$DATA\" -m immediate -w -t 60 stop; fi\n"
        + "as_pg touch \"$DATA/standby.signal\"\n"
        + "echo 'fenced: stopped; a restart brings it back only as a standby'\n";
  }

  /**
   * The end of the node's WAL: pg_waldump reads forward from the last checkpoint's redo point on
   * the node's timeline, printing every valid record, until the first invalid one. The end of valid
   * WAL is where the next record should have begun: the position its error names ("invalid record
   * length at Y", "incorrect prev-link ... at Y"), else the end of the last valid record (its start
   * plus its length, page headers crossed and 8-byte alignment), else — when pg_waldump ran out of
   * files — the start of the first missing segment. Recycled segments ahead of the end hold old
   * pages, which pg_waldump refuses the same way. A node promoted (or following a new timeline)
   * since its last checkpoint writes on a timeline its control file does not name yet: then the
   * reading starts at the newest timeline's switch point, from its history file, on that timeline.
   */
  private static String finalPosition() {
    return "if running; then echo 'refused: the server is running, its WAL still grows' >&2;"
        + " exit 3; fi\n"
        + "CTL=$(as_pg \"$BIN/pg_controldata\" \"$DATA\")\n"
        + "REDO=$(printf '%s\\n' \"$CTL\" | sed -n \"s/^Latest checkpoint's REDO location: *//p\")\n"
        + "TLI=$(printf '%s\\n' \"$CTL\" | sed -n \"s/^Latest checkpoint's TimeLineID: *//p\")\n"
        + "SIZE=$(printf '%s\\n' \"$CTL\" | sed -n 's/^Bytes per WAL segment: *//p')\n"
        + "PAGE=$(printf '%s\\n' \"$CTL\" | sed -n 's/^WAL block size: *//p')\n"
        + "# promoted since its last checkpoint: its WAL goes on from the newest timeline's switch point\n"
        + "NEWEST=$(as_pg ls \"$DATA/pg_wal\" | sed -n 's/^\\([0-9A-F]\\{8\\}\\)\\.history$/\\1/p'"
        + " | sort | tail -1)\n"
        + "if [ -n \"$NEWEST\" ] && [ $((0x$NEWEST)) -gt \"$TLI\" ]; then\n"
        + "  REDO=$(as_pg cat \"$DATA/pg_wal/$NEWEST.history\" | grep -E '^[0-9]+\\s' | tail -1"
        + " | cut -f2)\n"
        + "  TLI=$((0x$NEWEST))\n"
        + "fi\n"
        + "DUMP=$(as_pg \"$BIN/pg_waldump\" -p \"$DATA/pg_wal\" -t \"$TLI\" -s \"$REDO\" 2>&1 || true)\n"
        + "ERR=$(printf '%s\\n' \"$DUMP\" | grep 'pg_waldump: error' | tail -1)\n"
        + "MSG=$(printf '%s' \"$ERR\" | sed 's/^.*WAL record at [0-9A-F]*\\/[0-9A-F]*: //')\n"
        + "END=$(printf '%s' \"$MSG\" | grep -oE 'at [0-9A-F]+/[0-9A-F]+' | tail -1 | cut -c4-)\n"
        + "tohex() { printf '%X/%X' $(( $1 >> 32 )) $(( $1 & 0xFFFFFFFF )); }\n"
        + "lsn() { echo $(( (0x${1%/*} << 32) | 0x${1#*/} )); }\n"
        + "MISSING=$(printf '%s\\n' \"$ERR\" | grep 'could not find' | grep -oE '[0-9A-F]{24}' | tail -1)\n"
        + "if [ -z \"$END\" ] && [ -n \"$MISSING\" ]; then\n"
        + "  END=$(tohex $(( (0x$(echo \"$MISSING\" | cut -c9-16) << 32)"
        + " + 0x$(echo \"$MISSING\" | cut -c17-24) * SIZE )))\n"
        + "fi\n"
        + "if [ -z \"$END\" ]; then\n"
        + "  LAST=$(printf '%s\\n' \"$DUMP\" | grep '^rmgr:' | tail -1)\n"
        + "  if [ -n \"$LAST\" ]; then\n"
        + "    AT=$(printf '%s' \"$LAST\" | sed 's/.* lsn: \\([0-9A-F]*\\/[0-9A-F]*\\),.*/\\1/')\n"
        + "    TOT=$(printf '%s' \"$LAST\" | sed 's/.*len (rec\\/tot): *[0-9]*\\/ *\\([0-9]*\\),.*/\\1/')\n"
        + "    START=$(lsn \"$AT\"); E=$((START + TOT)); P=$(( START / PAGE ))\n"
        + "    while [ $(( (E - 1) / PAGE )) -gt $P ]; do P=$((P + 1));"
        + " if [ $(( P * PAGE % SIZE )) -eq 0 ]; then E=$((E + 40)); else E=$((E + 24)); fi; done\n"
        + "    END=$(tohex $(( (E + 7) / 8 * 8 )))\n"
        + "  fi\n"
        + "fi\n"
        + "[ -n \"$END\" ] || { echo \"cannot find the end of WAL from $REDO: $ERR\" >&2; exit 5; }\n"
        + "echo \"redo: $REDO timeline: $TLI\"\n"
        + "echo \"final-lsn: $END\"\n";
  }

  /** Where the clone of {@code node} lives (its data directory). */
  Path cloneDir(PostgresNode node) {
    return labDir.resolve("clones").resolve(node.name());
  }

  private String cloneVariables(PostgresNode node) {
    return "CLONE='" + cloneDir(node) + "'\n";
  }

  private static final String STOP_CLONE =
      "if [ -f \"$CLONE/postmaster.pid\" ] && as_pg \"$BIN/pg_ctl\" -D \"$CLONE\" status"
          + " >/dev/null 2>&1; then as_pg \"$BIN/pg_ctl\" -D \"$CLONE\" -m immediate -w -t 60 stop;"
          + " fi\n"
          + "as_pg rm -rf \"$CLONE\" \"$CLONE.log\"\n";

  private String clone(PostgresNode node, int clonePort) {
    return cloneVariables(node)
        + "CLONE_PORT="
        + clonePort
        + "\n"
        + "# an earlier clone is discarded first, so running this twice leaves one clone\n"
        + STOP_CLONE
        + "as_pg mkdir -p \"$(dirname \"$CLONE\")\"\n"
        + "as_pg \"$BIN/pg_basebackup\" -h 127.0.0.1 -p \"$PORT\" -U postgres -D \"$CLONE\""
        + " -X stream -c fast --no-sync\n"
        + "# isolated: its own port, no upstream, no slot; standby.signal so the drill promotes it\n"
        + "as_pg tee \"$CLONE/postgresql.auto.conf\" >/dev/null <<EOF\n"
        + "# written by continuity-lab (clone of "
        + node.name()
        + ")\n"
        + "port = $CLONE_PORT\n"
        + "primary_conninfo = ''\n"
        + "primary_slot_name = ''\n"
        + "EOF\n"
        + "as_pg touch \"$CLONE/standby.signal\"\n"
        + "as_pg \"$BIN/pg_ctl\" -D \"$CLONE\" -l \"$CLONE.log\" -w -t 60 start\n"
        + "echo \"clone-endpoint: "
        + PostgresNode.HOST
        + ":$CLONE_PORT\"\n";
  }

  private String discardClone(PostgresNode node) {
    return cloneVariables(node) + STOP_CLONE + "echo 'clone of " + node.name() + " discarded'\n";
  }

  /**
   * Starts the server and waits until it accepts connections (postmaster.pid's status line says
   * {@code ready} or {@code standby}) looking every 5 ms, not every 100 ms as {@code pg_ctl -w}.
   */
  private static final String START_AND_WAIT =
      "as_pg \"$BIN/pg_ctl\" -D \"$DATA\" -l \"$LOG\" -W start >/dev/null\n"
          + "n=0; until [ -f \"$DATA/postmaster.pid\" ]"
          + " && sed -n 8p \"$DATA/postmaster.pid\" | grep -qE '^(ready|standby)'; do"
          + " n=$((n + 1)); if [ $n -gt 12000 ]; then echo 'server did not start within 60 s' >&2;"
          + " exit 4; fi; sleep 0.005; done\n"
          + "echo 'server started'\n";

  /**
   * Whether the node's history is a prefix of the new primary's, so it can follow the new timeline
   * without pg_rewind (what Patroni checks before rewinding): the node shut down cleanly (its last
   * record is the shutdown checkpoint at {@code CKPT}) and the new primary's timeline history says
   * the node's timeline was left at a switch point past that checkpoint, i.e. the promoted standby
   * had replayed it. Anything else (a crash, an unreplayed checkpoint, an unreadable history, a
   * failed query) takes the rewind path, which keeps the node's WAL aside first.
   */
  private static final String CLEAN_FORK =
      "CTL=$(as_pg \"$BIN/pg_controldata\" \"$DATA\")\n"
          + "STATE=$(printf '%s\\n' \"$CTL\" | sed -n 's/^Database cluster state: *//p')\n"
          + "CKPT=$(printf '%s\\n' \"$CTL\" | sed -n 's/^Latest checkpoint location: *//p')\n"
          + "CKTL=$(printf '%s\\n' \"$CTL\" | sed -n \"s/^Latest checkpoint's TimeLineID: *//p\")\n"
          + "FORK=$(";

  /**
   * The switch point of the node's timeline in the new primary's history, and whether it lies past
   * CKPT.
   */
  private static final String FORK_QUERY =
      " -c \"select h.sp || ' ' || (h.sp::pg_lsn > '$CKPT'::pg_lsn)::text"
          + " from (select substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8) as tli) t,"
          + " lateral (select split_part(l, E'\\t', 2) as sp from regexp_split_to_table("
          + "pg_read_file('pg_wal/' || t.tli || '.history'), E'\\n') as l"
          + " where split_part(l, E'\\t', 1) = '$CKTL') h"
          + " where ('x' || t.tli)::bit(32)::int > $CKTL\"";

  private static String rejoin(PostgresNode node) {
    String slot = node.slotName();
    String psqlPeer =
        "as_pg \"$BIN/psql\" -X -q -At -v ON_ERROR_STOP=1 -h \"$PEER_HOST\" -p \"$PEER_PORT\""
            + " -U postgres -d postgres";
    String psqlSelf =
        "as_pg \"$BIN/psql\" -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p \"$PORT\""
            + " -U postgres -d postgres";
    String createSlot =
        " -c \"select pg_create_physical_replication_slot('"
            + slot
            + "', true) where not exists (select 1 from pg_replication_slots where slot_name = '"
            + slot
            + "')\"";
    String following =
        "following() { [ -f \"$DATA/standby.signal\" ] && grep -q \"host=$PEER_HOST port=$PEER_PORT \""
            + " \"$DATA/postgresql.auto.conf\" 2>/dev/null; }\n";
    return following
        + "# run twice: a node an earlier run made a standby of the peer is left as it is\n"
        + "if running && following && [ \"$("
        + psqlSelf
        + " -c 'select pg_is_in_recovery()' 2>/dev/null)\" = t ]; then\n"
        + "  echo \"already a standby of $PEER_HOST:$PEER_PORT\"; exit 0\n"
        + "fi\n"
        + "if running; then as_pg \"$BIN/pg_ctl\" -D \"$DATA\" -m fast -w -t 60 stop; fi\n"
        + "if following && as_pg \"$BIN/pg_controldata\" \"$DATA\""
        + " | grep -q '^Database cluster state: *shut down in recovery$'; then\n"
        + START_AND_WAIT
        + "  echo \"already a standby of $PEER_HOST:$PEER_PORT (was stopped, started again)\"; exit 0\n"
        + "fi\n"
        + CLEAN_FORK
        + psqlPeer
        + createSlot
        + FORK_QUERY
        + " 2>/dev/null | tail -1 || true)\n"
        + "if [ \"$STATE\" = 'shut down' ] && [ \"${FORK#* }\" = 'true' ]; then\n"
        + "  echo \"nothing diverged: shut down cleanly at $CKPT on timeline $CKTL, before the"
        + " new primary's switch point ${FORK% *}; no rewind\"\n"
        + "else\n"
        + "KEEP=\"diverged/"
        + node.name()
        + "-$(date -u +%Y%m%dT%H%M%SZ)\"\n"
        + "mkdir -p \"$KEEP\" && cp -p \"$DATA\"/pg_wal/0* \"$KEEP\"/ 2>/dev/null || true\n"
        + "echo \"kept-diverged-wal: $(pwd)/$KEEP\"\n"
        + "as_pg rm -f \"$DATA/standby.signal\"\n"
        + psqlPeer
        + createSlot
        + " >/dev/null\n"
        + "# a recently promoted source must checkpoint so its control file shows its timeline\n"
        + psqlPeer
        + " -c checkpoint\n"
        + "as_pg \"$BIN/pg_rewind\" -D \"$DATA\""
        + " --source-server=\"host=$PEER_HOST port=$PEER_PORT user=postgres dbname=postgres\"\n"
        + "fi\n"
        + "as_pg tee \"$DATA/postgresql.auto.conf\" >/dev/null <<EOF\n"
        + "# written by continuity-lab (rejoin)\n"
        + "port = $PORT\n"
        + "primary_conninfo = 'host=$PEER_HOST port=$PEER_PORT user=postgres application_name="
        + node.name()
        + "'\n"
        + "primary_slot_name = '"
        + slot
        + "'\n"
        + "recovery_target_timeline = 'latest'\n"
        + "EOF\n"
        + "as_pg touch \"$DATA/standby.signal\"\n"
        + START_AND_WAIT
        + psqlSelf
        + " -c \"select pg_drop_replication_slot(slot_name) from pg_replication_slots"
        + " where not active\" >/dev/null\n"
        + "echo 'rejoined as a standby of '\"$PEER_HOST:$PEER_PORT\"\n";
  }
}
