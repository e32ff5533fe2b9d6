#!/usr/bin/env bash
# Switchover benchmark (a benchmark, not a test), issue 15 goals 1 and 2. Measures, with the same
# external client for both (../shared/bench/writer.py: an INSERT every ~10 ms into whichever node
# takes writes; the window is the gap between the last write acknowledged before the switch and
# the first after it):
#
#   ours  a planned SWITCHOVER of a real PostgreSQL pair from continuity-lab, through the whole
#         product: the server jar running as its own process (demo profile, the H2 file store with
#         the launcher's durable URL, the pair's inventory), driven over the REST API as an
#         operator does it (request as alice, approvals by bob and carol, plan, confirm), with the
#         durable step log and the audit on;
#   bare  ../shared/bench/bare-switchover.sh, the manual sequence (pg_ctl -m fast stop, wait for
#         the shutdown checkpoint's LSN, pg_promote), one round per call on its own pair,
#
# alternately, RUNS of each. Every run must lose no acknowledged write (writer.py verify). Prints
# the windows, the whole operation of ours (confirm -> SUCCEEDED, with the old primary streaming
# from the new one), a step-by-step breakdown of ours from the step log and the writer's log, and
# ends with
#
#   switchover-window-ms ours=<median> bare=<median> ratio=<ours/bare> whole-ms=<median>
#
#   scripts/bench-switchover.sh             # 5 runs of each
#   RUNS=3 scripts/bench-switchover.sh
#
# Needs the PostgreSQL 15 server binaries (Debian postgresql-15), Debian's python3-psycopg2, bc,
# and root (the bare script runs PostgreSQL as the postgres user via runuser). Builds the server
# and lab jars when missing. Environment: RUNS, PORT (server, default 18231), BENCH_DIR (default
# ../shared/bench), STEADY (seconds of steady writes before each switch, default 3), JAVA_HOME,
# SERVER_JAR / LAB_JAR (other builds, e.g. a copy of the jars before a change).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

RUNS="${RUNS:-5}"
PORT="${PORT:-18231}"
BENCH_DIR="${BENCH_DIR:-$ROOT/../shared/bench}"
[[ -f "$BENCH_DIR/writer.py" && -f "$BENCH_DIR/bare-switchover.sh" ]] ||
  { echo "no writer.py / bare-switchover.sh in $BENCH_DIR (set BENCH_DIR)" >&2; exit 2; }
/usr/bin/python3 -c 'import psycopg2' 2>/dev/null ||
  { echo "writer.py needs Debian's python3-psycopg2: apt-get install -y python3-psycopg2" >&2; exit 2; }
# shellcheck source=scripts/bench-pair.sh
. scripts/bench-pair.sh
bench_jars
bench_workdir continuity-bench-switch

echo "bench: $RUNS runs of each, alternating; $(nproc) cores, $(uname -sr)," \
  "load $(cut -d' ' -f1-3 /proc/loadavg)"

# The real pair, as ./continuity demo starts it (LabMain start-pair); it stops when this shell ends.
bench_start_pair bench-postgres
echo "bench: lab pair east :$EAST (primary), west :$WEST (standby)"
# writer.py's table, on the lab pair's primary (the standby gets it by replication)
/usr/bin/python3 - "$EAST" <<'PY'
import sys, psycopg2
c = psycopg2.connect(host="127.0.0.1", port=int(sys.argv[1]), user="postgres", dbname="postgres")
c.autocommit = True
c.cursor().execute("CREATE TABLE IF NOT EXISTS w(id bigint PRIMARY KEY, port int,"
                   " ts timestamptz DEFAULT clock_timestamp())")
PY

# The server as the launcher runs it: java -jar, demo profile, H2 file store under
# CONTINUITY_DATA_DIR (application.yaml's durable URL), here only the pair's inventory.
bench_start_server "$PORT"

/usr/bin/python3 scripts/bench-switchover.py "http://127.0.0.1:$PORT" "$PASSWORD" bench-postgres \
  "$EAST" "$WEST" "$WORK" "$BENCH_DIR" "$RUNS"
