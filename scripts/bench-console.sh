#!/usr/bin/env bash
# Scale benchmark of the web console (a benchmark, not a test): starts the server on the embedded
# H2 store with N simulated resources (bench-inventory.py, as bench-monitoring.sh; PROBLEMS of them
# RED), signs in as the viewer dave and prints:
#   - the dashboard's HTML size and server time (curl, median of 5),
#   - its page load in Chromium (median of 3, DOM elements, tiles),
#   - the bytes its htmx refresh transfers per minute while the estate is idle, then while CHANGE
#     resources (1 % by default) flip between steady and broken every INTERVAL seconds.
#
#   scripts/bench-console.sh                 # N=10000, 15 s interval, 60 s per refresh phase
#   N=2000 WATCH_SECONDS=30 scripts/bench-console.sh
#
# The dashboard's server time is measured twice: signed in as a browser is (a session cookie from
# the login form) and with HTTP Basic on every request (curl -u), which pays bcrypt each time.
#
# Environment: N, PROBLEMS, CHANGE, INTERVAL, LATENCY, WATCH_SECONDS, WARMUP, PORT, HEAP.
set -euo pipefail
cd "$(dirname "$0")/.."

N="${N:-10000}"
PROBLEMS="${PROBLEMS:-$((N / 50))}"
CHANGE="${CHANGE:-$((N / 100))}"
INTERVAL="${INTERVAL:-15}"
LATENCY="${LATENCY:-20ms}"
WATCH_SECONDS="${WATCH_SECONDS:-60}"
WARMUP="${WARMUP:-60}"
PORT="${PORT:-18182}"
HEAP="${HEAP:-768m}"
PASSWORD="bench-$$"
BASE="http://localhost:$PORT"

JAR="${JAR:-continuity-server/target/continuity-server.jar}"
[[ -f "$JAR" ]] || ./mvnw -q -B -DskipTests package -pl continuity-server -am

WORK="$(mktemp -d /tmp/continuity-console-bench.XXXXXX)"
cleanup() {
  kill "${FLIPPER_PID:-}" 2>/dev/null || true
  kill "${SERVER_PID:-}" 2>/dev/null || true
  wait "${SERVER_PID:-}" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# Playwright for Java's driver bundle carries playwright-core: the browser half runs on it.
BUNDLE="$(ls ~/.m2/repository/com/microsoft/playwright/driver-bundle/*/driver-bundle-*.jar | sort -V | tail -1)"
(cd "$WORK" && unzip -q "$BUNDLE" 'driver/linux/package/*')
export PW_PACKAGE="$WORK/driver/linux/package"

broken_ids() { # every (N / PROBLEMS)-th resource, shifted by $1
  python3 -c "import sys; n,p,s=map(int,sys.argv[1:]); print(','.join(str((i*(n//p)+s)%n) for i in range(p)))" "$N" "$1" "${2:-0}"
}
python3 scripts/bench-inventory.py "$N" "$LATENCY" "$(broken_ids "$PROBLEMS")" > "$WORK/inventory.yaml"

echo "bench-console: N=$N ($PROBLEMS RED) interval=${INTERVAL}s probe latency=$LATENCY heap=-Xmx$HEAP"
java -Xmx"$HEAP" -jar "$JAR" --spring.profiles.active=demo \
  --server.port="$PORT" \
  --continuity.demo.password="$PASSWORD" \
  --continuity.inventory="$WORK/inventory.yaml" \
  --spring.datasource.url="jdbc:h2:file:$WORK/data/continuity;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;WRITE_DELAY=0" \
  --continuity.monitoring.interval.tier1="${INTERVAL}s" \
  --continuity.monitoring.interval.tier2="${INTERVAL}s" \
  --continuity.monitoring.pool-size=96 \
  --continuity.monitoring.platform-concurrency=96 \
  --logging.level.root=WARN > "$WORK/server.log" 2>&1 &
SERVER_PID=$!

for _ in $(seq 1 240); do
  curl -fs "$BASE/actuator/health" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "server died:"; tail -40 "$WORK/server.log"; exit 1; }
  sleep 1
done
echo "server up; warming up ${WARMUP}s (first probes of every resource)"
sleep "$WARMUP"
if ! curl -fsS -u "dave:$PASSWORD" "$BASE/api/v1/status/summary" > "$WORK/summary.json"; then
  echo "the summary could not be read:"; cat "$WORK/summary.json"; tail -20 "$WORK/server.log"; exit 1
fi
python3 -c "import json,sys; c=json.load(sys.stdin)['counts']; print('estate:', c['resources'], 'resources', c['byStatus'])" < "$WORK/summary.json"

# Dashboard HTML: size and server time (time to the last byte on localhost), signed in as a
# browser is (session cookie from the login form), then with HTTP Basic (bcrypt on every request).
JAR_COOKIES="$WORK/cookies.txt"
CSRF="$(curl -s -c "$JAR_COOKIES" -b "$JAR_COOKIES" "$BASE/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')"
curl -s -o /dev/null -c "$JAR_COOKIES" -b "$JAR_COOKIES" --data-urlencode "username=dave" \
  --data-urlencode "password=$PASSWORD" --data-urlencode "_csrf=$CSRF" "$BASE/login"
for _ in $(seq 1 11); do
  curl -s -o /dev/null -b "$JAR_COOKIES" -w '%{size_download} %{time_total}\n' "$BASE/"
done | sort -k2 -n | awk '{s[NR]=$1; t[NR]=$2} END {printf "dashboard / (session): %d bytes, median %.0f ms of 11 (min %.0f, max %.0f)\n", s[6], t[6]*1000, t[1]*1000, t[11]*1000}'
for _ in 1 2 3 4 5; do
  curl -s -o /dev/null -u "dave:$PASSWORD" -w '%{size_download} %{time_total}\n' "$BASE/"
done | sort -k2 -n | awk '{s[NR]=$1; t[NR]=$2} END {printf "dashboard / (HTTP Basic): %d bytes, median %.0f ms (min %.0f, max %.0f)\n", s[3], t[3]*1000, t[1]*1000, t[5]*1000}'
curl -s -o /dev/null --compressed -u "dave:$PASSWORD" -w 'dashboard / gzipped: %{size_download} bytes\n' "$BASE/"
for path in "/api/v1/status/summary" "/api/v1/status?status=RED&page=1&size=50" "/api/v1/status"; do
  curl -s -o /dev/null -u "dave:$PASSWORD" -w "api $path: %{size_download} bytes, %{time_total} s\n" "$BASE$path"
done

node scripts/bench-console-browser.js "$BASE" dave "$PASSWORD" load

echo "refresh while idle (${WATCH_SECONDS}s):"
node scripts/bench-console-browser.js "$BASE" dave "$PASSWORD" watch

flip() { # every INTERVAL: a different CHANGE resources broken, on top of the PROBLEMS ones
  local round=1
  while true; do
    python3 scripts/bench-inventory.py "$N" "$LATENCY" \
      "$(broken_ids "$PROBLEMS"),$(broken_ids "$CHANGE" "$round")" > "$WORK/inventory.yaml"
    curl -s -o /dev/null -u "admin:$PASSWORD" -X POST "$BASE/api/v1/inventory/reload" || true
    round=$((round + 1))
    sleep "$INTERVAL"
  done
}
flip &
FLIPPER_PID=$!
echo "refresh while $CHANGE resources change every ${INTERVAL}s (${WATCH_SECONDS}s):"
node scripts/bench-console-browser.js "$BASE" dave "$PASSWORD" watch
kill "$FLIPPER_PID" 2>/dev/null || true
echo "cpu: $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
