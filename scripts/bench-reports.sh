#!/usr/bin/env bash
# Benchmark of readiness reports (a benchmark, not a test): a year of history for N resources in a
# real PostgreSQL, one observation per resource and hour (what retention leaves with
# continuity.monitoring.retention.downsample-bucket=1h and retention.max=400d), ~1 % of hours
# missing (gaps), and a RED/GREEN status change pair per resource and week (RED for 3 h). The
# server runs with retention.raw=1h, so every generated hour is read as downsampled history. Then times
# GET /api/v1/reports/readiness for the whole year as JSON (RUNS times), CSV and PDF.
# The readiness rollup (decision 025) is written by the server's own rollup job (every 5 s here,
# hourly by default), which back-fills every closed day of the written history; the script waits
# until it has rolled up every day older than retention.raw, and prints how long that took.
#
#   scripts/bench-reports.sh                 # N=1000, a year, 3 runs
#   N=200 DAYS=90 scripts/bench-reports.sh   # a quicker look
#
# Environment: N, DAYS, RUNS, PORT, HEAP, PG_HOST, PG_PORT, PG_USER, PG_DB (a PostgreSQL the
# script may create and drop a schema in; trust or PGPASSWORD auth).
set -euo pipefail
cd "$(dirname "$0")/.."

N="${N:-1000}"
DAYS="${DAYS:-365}"
RUNS="${RUNS:-3}"
PORT="${PORT:-18182}"
HEAP="${HEAP:-512m}"
PG_HOST="${PG_HOST:-127.0.0.1}"
PG_PORT="${PG_PORT:-5432}"
PG_USER="${PG_USER:-postgres}"
PG_DB="${PG_DB:-test}"
SCHEMA="bench_reports_$$"
PASSWORD="bench-$$"

JAR=continuity-server/target/continuity-server.jar
[[ -f "$JAR" ]] || ./mvnw -q -B -DskipTests package -pl continuity-server -am

WORK="$(mktemp -d /tmp/continuity-bench-reports.XXXXXX)"
psql_() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" -v ON_ERROR_STOP=1 -q "$@"; }
cleanup() {
  kill "${SERVER_PID:-}" 2>/dev/null || true
  wait "${SERVER_PID:-}" 2>/dev/null || true
  psql_ -c "set client_min_messages = warning; drop schema if exists $SCHEMA cascade" || true
  rm -rf "$WORK"
}
trap cleanup EXIT

python3 scripts/bench-inventory.py "$N" 1ms > "$WORK/inventory.yaml"
psql_ -c "create schema $SCHEMA"

echo "bench: N=$N days=$DAYS heap=-Xmx$HEAP store=postgresql://$PG_HOST:$PG_PORT/$PG_DB schema $SCHEMA"
java -Xmx"$HEAP" -jar "$JAR" --spring.profiles.active=demo \
  --server.port="$PORT" \
  --continuity.demo.password="$PASSWORD" \
  --continuity.inventory="$WORK/inventory.yaml" \
  --spring.datasource.url="jdbc:postgresql://$PG_HOST:$PG_PORT/$PG_DB?currentSchema=$SCHEMA" \
  --spring.datasource.username="$PG_USER" \
  --spring.datasource.password="${PGPASSWORD:-}" \
  --continuity.monitoring.enabled=false \
  --continuity.monitoring.retention.max=400d \
  --continuity.monitoring.retention.downsample-bucket=1h \
  --continuity.monitoring.retention.raw=1h \
  --continuity.readiness.rollup.initial-delay=PT1S \
  --continuity.readiness.rollup.run-every=PT5S \
  --logging.level.root=WARN > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 240); do
  curl -fs "http://localhost:$PORT/actuator/health" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "server died:"; tail -40 "$WORK/server.log"; exit 1; }
  sleep 1
done

echo "bench: writing the history"
start=$(date +%s)
psql_ <<SQL
set search_path to $SCHEMA;
insert into observation (resource_id, observed_at, ok, lag_seconds, connectivity, payload)
select 'bench-' || lpad(r::text, 5, '0'),
       date_trunc('hour', now()) - make_interval(days => $DAYS) + make_interval(hours => h),
       true, ((r * 7919 + h * 104729) % 4000) / 10.0, '[]', '{}'
from generate_series(0, $N - 1) r, generate_series(0, $DAYS * 24 - 1) h
where (r + h) % 97 <> 0;
insert into status_change (resource_id, changed_at, new_status, new_visibility, reasons)
select 'bench-' || lpad(r::text, 5, '0'),
       date_trunc('hour', now()) - make_interval(days => $DAYS) + make_interval(hours => w * 168 + s * 3),
       case s when 0 then 'RED' else 'GREEN' end, 'OK', '[]'
from generate_series(0, $N - 1) r, generate_series(0, $DAYS / 7) w, generate_series(0, 1) s;
analyze observation;
analyze status_change;
SQL
rows=$(psql_ -At -c "select count(*) from $SCHEMA.observation")
changes=$(psql_ -At -c "select count(*) from $SCHEMA.status_change")
echo "bench: $rows observations and $changes status changes written in $(( $(date +%s) - start )) s"

# the server's rollup job back-fills the closed days (those before retention.raw = 1 h ago)
expected=$(psql_ -At -c "select $N * (((now() - interval '1 hour') at time zone 'UTC')::date
  - (min(observed_at) at time zone 'UTC')::date) from $SCHEMA.observation")
start=$(date +%s)
for _ in $(seq 1 1800); do
  rolled=$(psql_ -At -c "select count(*) from $SCHEMA.readiness_rollup")
  [[ "$rolled" == "$expected" ]] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "server died:"; tail -40 "$WORK/server.log"; exit 1; }
  sleep 1
done
[[ "$rolled" == "$expected" ]] || { echo "bench: rollup has $rolled of $expected rows"; exit 1; }
echo "bench: rollup job wrote $rolled resource-days in $(( $(date +%s) - start )) s (server clock)"

to=$(date -u +%Y-%m-%dT%H:%M:%SZ)
from=$(date -u -d "-$DAYS days" +%Y-%m-%dT%H:%M:%SZ)
url="http://localhost:$PORT/api/v1/reports/readiness?from=$from&to=$to"
warm="http://localhost:$PORT/api/v1/reports/readiness?from=$(date -u -d '-1 day' +%Y-%m-%dT%H:%M:%SZ)&to=$to"
for accept in application/json text/csv application/pdf; do # warm-up (class loading, JIT, fonts)
  curl -fs -u "admin:$PASSWORD" -H "Accept: $accept" -o /dev/null "$warm"
done
fetch() { # accept, output file -> "seconds bytes"
  local out
  out=$(curl -s -u "admin:$PASSWORD" -H "Accept: $1" -o "$2" -w '%{http_code} %{time_total} %{size_download}' "$url")
  if [[ "${out%% *}" != 200 ]]; then
    echo "bench: $1 answered ${out%% *}: $(head -c 400 "$2")" >&2
    tail -30 "$WORK/server.log" >&2
    exit 1
  fi
  echo "${out#* }"
}
echo "bench: load average before the timed requests: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$RUNS"); do
  r=$(fetch application/json "$WORK/report.json"); read -r t b <<< "$r"
  echo "json run $i: ${t} s, $b bytes"
done
r=$(fetch text/csv "$WORK/report.csv"); read -r t b <<< "$r"; echo "csv: ${t} s, $b bytes"
r=$(fetch application/pdf "$WORK/report.pdf"); read -r t b <<< "$r"; echo "pdf: ${t} s, $b bytes"
# the console page: the same report (whole UTC days) plus one resource's lag-over-time chart (the
# grouped query over its observations of the period)
page="http://localhost:$PORT/reports?from=$(date -u -d "-$DAYS days" +%F)&to=$(date -u +%F)&resource=bench-00000"
out=$(curl -s -u "admin:$PASSWORD" -o "$WORK/page.html" -w '%{http_code} %{time_total} %{size_download}' "$page")
echo "console page /reports with the lag chart: ${out#* } (HTTP ${out%% *})"
echo "bench: load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$WORK/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
res = r["resources"]
mean = lambda k: sum(x["compliance"][k] for x in res) / len(res)
print(f"report: {len(res)} resources, mean green {mean('green'):.3f}, red {mean('red'):.3f},"
      f" unknown {mean('unknown'):.3f}, within RPO {mean('withinRpo'):.3f}, {len(r['findings'])} findings")
PY
