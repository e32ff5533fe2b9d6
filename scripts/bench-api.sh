#!/usr/bin/env bash
# Status API under load (a benchmark, not a test; issue 15): the server on the embedded H2 store
# with N simulated resources being monitored (the inventory of scripts/bench-inventory.py, as in
# bench-monitoring.sh), TOKENS personal API tokens issued through the API to the viewer dave, and
# wrk with CLIENTS connections for DURATION per endpoint: GET /api/v1/resources/{id}/status
# (random id), GET /api/v1/status?page=..&size=50 (random page) and GET /api/v1/status (whole
# estate: "estate-poll" as a polling script asks, with If-None-Match of the tag it last got;
# "estate" downloaded in full every time). Each endpoint first gets WARMUP of untimed load (a
# server that has run a while has compiled its request path). Prints p50/p99/max latency,
# requests/s and errors per endpoint (goal: p99 <= 50 ms, no error).
#
#   scripts/bench-api.sh                              # N=10000 CLIENTS=50 DURATION=30s WARMUP=60s
#   N=2000 DURATION=10s scripts/bench-api.sh          # a quicker look
#   KINDS="resource page" scripts/bench-api.sh        # skip the whole-estate form
#   STORE=postgres scripts/bench-api.sh                # the state store in PostgreSQL (a fresh
#                                                      # schema of PG_HOST:PG_PORT/PG_DB, dropped after)
set -euo pipefail
cd "$(dirname "$0")/.."

N="${N:-10000}"
CLIENTS="${CLIENTS:-50}"
TOKENS_COUNT="${TOKENS:-10}"
DURATION="${DURATION:-30s}"
KINDS="${KINDS:-resource page estate-poll estate}"
WARMUP="${WARMUP:-60s}"
PORT="${PORT:-18183}"
HEAP="${HEAP:-768m}"
PASSWORD="bench-$$"
URL="http://localhost:$PORT"

command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
JAR=continuity-server/target/continuity-server.jar
[[ -f "$JAR" ]] || ./mvnw -q -B -DskipTests package -pl continuity-server -am

WORK="$(mktemp -d /tmp/continuity-bench-api.XXXXXX)"
STORE="${STORE:-h2}"
SCHEMA="bench_api_$$"
psql_() { psql -h "${PG_HOST:-127.0.0.1}" -p "${PG_PORT:-5432}" -U "${PG_USER:-postgres}" -d "${PG_DB:-test}" -v ON_ERROR_STOP=1 -q "$@"; }
cleanup() {
  kill "${SERVER_PID:-}" 2>/dev/null || true
  wait "${SERVER_PID:-}" 2>/dev/null || true
  [[ "$STORE" == postgres ]] && psql_ -c "set client_min_messages = warning; drop schema if exists $SCHEMA cascade" || true
  rm -rf "$WORK"
}
trap cleanup EXIT
python3 scripts/bench-inventory.py "$N" 50ms > "$WORK/inventory.yaml"
if [[ "$STORE" == postgres ]]; then
  psql_ -c "create schema $SCHEMA"
  STORE_ARGS=(--spring.datasource.url="jdbc:postgresql://${PG_HOST:-127.0.0.1}:${PG_PORT:-5432}/${PG_DB:-test}?currentSchema=$SCHEMA"
    --spring.datasource.username="${PG_USER:-postgres}" --spring.datasource.password="${PGPASSWORD:-}")
else
  STORE_ARGS=(--spring.datasource.url="jdbc:h2:file:$WORK/data/continuity;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;WRITE_DELAY=0")
fi

if curl -s -o /dev/null "$URL/actuator/health"; then
  echo "port $PORT is in use (another server still running?); set PORT" >&2
  exit 1
fi
echo "bench-api: N=$N clients=$CLIENTS tokens=$TOKENS_COUNT duration=$DURATION per endpoint after $WARMUP untimed store=$STORE"
java -Xms"$HEAP" -Xmx"$HEAP" ${JAVA_OPTS:-} -jar "$JAR" --spring.profiles.active=demo \
  --server.port="$PORT" \
  --continuity.demo.password="$PASSWORD" \
  --continuity.inventory="$WORK/inventory.yaml" \
  "${STORE_ARGS[@]}" \
  --continuity.monitoring.interval.tier1=15s --continuity.monitoring.interval.tier2=15s \
  --continuity.monitoring.pool-size=96 --continuity.monitoring.platform-concurrency=96 \
  --logging.level.root=WARN > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do
  curl -fs "$URL/actuator/health" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "server died:"; tail -40 "$WORK/server.log"; exit 1; }
  sleep 1
done
echo "bench-api: server up; waiting until every resource has been probed once"
for _ in $(seq 1 120); do
  unprobed=$(curl -fs -u "admin:$PASSWORD" "$URL/api/v1/status" |
    python3 -c 'import json,sys; print(sum(r["evidenceAgeSeconds"] is None for r in json.load(sys.stdin)["resources"]))')
  [[ "$unprobed" == 0 ]] && break
  sleep 2
done
echo "bench-api: $unprobed resources unprobed; issuing $TOKENS_COUNT API tokens to dave"
tokens=()
for i in $(seq 1 "$TOKENS_COUNT"); do
  tokens+=("$(curl -fs -u "dave:$PASSWORD" -H 'Content-Type: application/json' \
    -d "{\"name\":\"bench-api $i\",\"expiresInDays\":1}" "$URL/api/v1/tokens" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')")
done
TOKENS="$(IFS=,; echo "${tokens[*]}")"
curl -fs -o /dev/null -H "Authorization: Bearer ${tokens[0]}" "$URL/api/v1/status/summary" ||
  { echo "a token was refused"; exit 1; }

# HOLD=<seconds>: print the tokens and the server pid, then wait (to profile with jstack by hand).
[[ -n "${HOLD:-}" ]] && { echo "TOKENS=$TOKENS PID=$SERVER_PID"; sleep "$HOLD"; }
ESTATE_ETAG=""
for kind in $KINDS; do
  # a server that has been up a while has compiled its request path: warm it up untimed first
  [[ "$WARMUP" != 0 && "$WARMUP" != 0s ]] && PATH_KIND="$kind" N="$N" TOKENS="$TOKENS" wrk -t2 -c"$CLIENTS" \
    -d"$WARMUP" --timeout 10s -s scripts/bench-api.lua "$URL" >/dev/null
  # estate-poll: the pollers already hold the current answer's entity tag, as a script that has
  # been polling does (a full download is what "estate" measures)
  [[ "$kind" == estate-poll ]] && ESTATE_ETAG="$(curl -fs -o /dev/null -D - -H "Authorization: Bearer ${tokens[0]}" \
    "$URL/api/v1/status" | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: //p')"
  ESTATE_ETAG="$ESTATE_ETAG" PATH_KIND="$kind" N="$N" TOKENS="$TOKENS" wrk -t2 -c"$CLIENTS" -d"$DURATION" --timeout 10s \
    -s scripts/bench-api.lua "$URL" > "$WORK/wrk-$kind.txt"
  grep -E '^(api-latency|estate-poll)' "$WORK/wrk-$kind.txt"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
