#!/usr/bin/env bash
# Start-up benchmark (a benchmark, not a test; issue 15): starts the server RUNS times exactly as
# `./continuity demo` does (the launcher itself, CONTINUITY_DEMO_PAIR=0 CONTINUITY_DEMO_FAKES=0, a fresh data directory
# each time, the demo inventory) and prints the time from launch until /actuator/health answers UP,
# plus the CPU the server used until then (less sensitive to other load on a shared machine).
# Runs alternate between the launcher's class-data sharing start (default) and the plain jar
# (CONTINUITY_CDS=0), after one untimed start that builds the archive when it is missing.
#
# The launcher starts the demo in Spring AOT mode when nothing could change which beans exist
# (decision 030); a SERVER_ARGS setting other than --logging.* turns that off (it says so in the
# server log, $WORK/last.log), so such a run measures the usual start.
#
# DATA=kept starts every run on the data directory the warm-up start created (a restart: Flyway
# validates instead of migrating, the inventory reconcile finds nothing to write), as after a
# crash or an upgrade-free restart; DATA=fresh (default) is the first start of a new install.
#
#   scripts/bench-startup.sh              # RUNS=5
#   MODES=cds RUNS=3 scripts/bench-startup.sh
#   DATA=kept MODES=cds RUNS=5 scripts/bench-startup.sh
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 RUNS=3 scripts/bench-startup.sh   # Java 25: the AOT cache
#   SERVER_ARGS='--spring.main.lazy-initialization=true' JAVA_TOOL_OPTIONS='-XX:TieredStopAtLevel=1' MODES=cds RUNS=3 scripts/bench-startup.sh  # try a setting
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-5}"
MODES="${MODES:-cds plain}"
DATA="${DATA:-fresh}"
PORT="${PORT:-18302}"
WORK="$(mktemp -d /tmp/continuity-startup.XXXXXX)"
LAUNCHER_PID=""
stop() {
  if [[ -n "$LAUNCHER_PID" ]] && kill -0 "$LAUNCHER_PID" 2>/dev/null; then
    kill -TERM "$LAUNCHER_PID" 2>/dev/null || true
    wait "$LAUNCHER_PID" 2>/dev/null || true
  fi
  LAUNCHER_PID=""
}
trap 'stop; rm -rf "$WORK"' EXIT

# One start; prints "<wall seconds> <server cpu seconds>".
start_once() {
  local cds="$1" dir="$WORK/data-$RANDOM$RANDOM"
  [[ "$DATA" == kept ]] && dir="$WORK/data-kept"
  local t0 t1 java_pid="" ticks=0
  t0=$(date +%s.%N)
  CONTINUITY_CDS="$cds" CONTINUITY_DEMO_PAIR=0 CONTINUITY_DEMO_FAKES=0 CONTINUITY_DEMO_PASSWORD=bench SERVER_PORT="$PORT" \
    CONTINUITY_DATA_DIR="$dir" ./continuity demo --logging.level.root=WARN ${SERVER_ARGS:-} >"$WORK/last.log" 2>&1 &
  LAUNCHER_PID=$!
  for _ in $(seq 1 6000); do
    # the launcher's first java child may be the archive's training start, which exits
    if [[ -z "$java_pid" ]] || ! kill -0 "$java_pid" 2>/dev/null; then
      java_pid="$(pgrep -P "$LAUNCHER_PID" java | tail -1 || true)"
    fi
    if curl -fs "http://localhost:$PORT/actuator/health" 2>/dev/null | grep -q '"UP"'; then
      t1=$(date +%s.%N)
      [[ -n "$java_pid" && -r "/proc/$java_pid/stat" ]] && ticks=$(awk '{print $14 + $15}' "/proc/$java_pid/stat")
      stop
      [[ "$DATA" == kept ]] || rm -rf "$dir"
      echo "$t0 $t1 $ticks $(getconf CLK_TCK)" | awk '{printf "%.2f %.2f\n", $2 - $1, $3 / $4}'
      return 0
    fi
    kill -0 "$LAUNCHER_PID" 2>/dev/null || { echo "server died:" >&2; tail -30 "$WORK/last.log" >&2; exit 1; }
    sleep 0.05
  done
  echo "not UP within 300 s" >&2
  exit 1
}

[[ -f continuity-server/target/continuity-server.jar ]] || ./continuity build
echo "startup: warm-up start (builds the class-data sharing archive if missing)"
start_once 1 >/dev/null
declare -A WALL CPU
for i in $(seq 1 "$RUNS"); do
  for mode in $MODES; do
    cds=1; [[ "$mode" == plain ]] && cds=0
    read -r wall cpu < <(start_once "$cds")
    echo "startup: run $i $mode: ${wall} s to health UP, server cpu ${cpu} s"
    WALL[$mode]+="$wall "; CPU[$mode]+="$cpu "
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
for mode in $MODES; do
  walls="${WALL[$mode]:-}"
  echo "startup-s $mode data=$DATA median=$(echo "$walls" | median) runs=[${walls% }] cpu-median=$(echo "${CPU[$mode]:-}" | median)"
done
