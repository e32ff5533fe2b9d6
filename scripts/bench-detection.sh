#!/usr/bin/env bash
# Detection benchmark (a benchmark, not a test), issue 15 goal 5. Breaks replication on a real
# PostgreSQL 15 pair from continuity-lab, watched by the server running as its own process (the
# launcher's way: java -jar, demo profile, H2 file store), and reports how long the status API
# (GET /api/v1/resources/{id}/status, polled every 50 ms) takes to show RED, against the goal of
# the poll interval + 1 s. Scenarios, ROUNDS each, repaired (and GREEN again) between rounds:
#
#   receiver-cut     the standby's WAL receiver is cut: primary_conninfo pointed at a closed port
#                    and reloaded (PostgreSQL restarts the receiver, which cannot connect)
#   standby-stopped  the standby is shut down (the lab's stop action)
#   primary-stopped  the primary is shut down (the lab's stop action)
#   replay-paused    pg_wal_replay_pause() on the standby while the primary takes a write every
#                    10 ms; RED is due when the lag passes the RPO target (here TARGET, 5 s), so
#                    the time is counted from the pause + TARGET
#
# and ends with one line per scenario and the verdict:
#
#   detection-ms scenario=<name> median=<ms> max=<ms> goal=<interval + 1 s> met=<yes|no>
#
#   scripts/bench-detection.sh                 # INTERVAL=5s, ROUNDS=3
#   INTERVAL=15s ROUNDS=5 scripts/bench-detection.sh
#
# Needs the PostgreSQL 15 server binaries (Debian postgresql-15) and Debian's python3-psycopg2.
# Builds the server and lab jars when missing. Environment: INTERVAL (the tier-1 poll interval,
# a Spring duration, default 5s), ROUNDS (default 3), TARGET (the RPO target in seconds, default
# 5), PORT (server, default 18241), JAVA_HOME, SERVER_JAR / LAB_JAR.
set -euo pipefail
cd "$(dirname "$0")/.."

INTERVAL="${INTERVAL:-5s}"
ROUNDS="${ROUNDS:-3}"
TARGET="${TARGET:-5}"
PORT="${PORT:-18241}"
/usr/bin/python3 -c 'import psycopg2' 2>/dev/null ||
  { echo "needs Debian's python3-psycopg2: apt-get install -y python3-psycopg2" >&2; exit 2; }
# shellcheck source=scripts/bench-pair.sh
. scripts/bench-pair.sh
bench_jars
bench_workdir continuity-bench-detect

echo "bench: interval=$INTERVAL rounds=$ROUNDS rpo-target=${TARGET}s; $(nproc) cores," \
  "$(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg)"
bench_start_pair bench-detect
echo "bench: lab pair east :$EAST (primary), west :$WEST (standby), actions in $ACTIONS"
# a small RPO target so the paused-replay round turns RED in seconds, not minutes
sed -i -E "s/rpo: \{ target: [^,]+, warn: [^,]+,/rpo: { target: ${TARGET}s, warn: $((TARGET / 2 > 0 ? TARGET / 2 : 1))s,/" "$WORK/pair.yaml"
grep -q "target: ${TARGET}s" "$WORK/pair.yaml" || { echo "could not set the RPO target in pair.yaml" >&2; exit 1; }

bench_start_server "$PORT" \
  --continuity.monitoring.interval.tier1="$INTERVAL" \
  --continuity.monitoring.interval.tier2="$INTERVAL"

/usr/bin/python3 scripts/bench-detection.py "http://127.0.0.1:$PORT" "$PASSWORD" bench-detect \
  "$EAST" "$WEST" "$ACTIONS" "$INTERVAL" "$ROUNDS" "$TARGET"
