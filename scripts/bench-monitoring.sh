#!/usr/bin/env bash
# Scale benchmark of the monitoring engine (a benchmark, not a test): starts the server on the
# embedded H2 store with N simulated resources whose probes each take LATENCY, lets it run for
# DURATION seconds, then prints probes/s achieved vs required, worst and p99 evidence age vs the
# interval, CPU and heap used.
#
#   scripts/bench-monitoring.sh                      # N=10000, 15s interval, 50ms probes, 180s
#   N=2000 DURATION=60 scripts/bench-monitoring.sh   # a quicker look
#
# Environment: N, INTERVAL (seconds), LATENCY (e.g. 50ms), DURATION (seconds), PORT, HEAP (-Xmx),
# POOL (probe workers), PLATFORM_CONCURRENCY.
set -euo pipefail
cd "$(dirname "$0")/.."

N="${N:-10000}"
INTERVAL="${INTERVAL:-15}"
LATENCY="${LATENCY:-50ms}"
DURATION="${DURATION:-180}"
PORT="${PORT:-18181}"
HEAP="${HEAP:-512m}"
POOL="${POOL:-96}"
PLATFORM_CONCURRENCY="${PLATFORM_CONCURRENCY:-96}"
PASSWORD="bench-$$"

JAR=continuity-server/target/continuity-server.jar
[[ -f "$JAR" ]] || ./mvnw -q -B -DskipTests package -pl continuity-server -am

WORK="$(mktemp -d /tmp/continuity-bench.XXXXXX)"
trap 'kill "${SERVER_PID:-}" 2>/dev/null || true; wait "${SERVER_PID:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT

python3 scripts/bench-inventory.py "$N" "$LATENCY" > "$WORK/inventory.yaml"

echo "bench: N=$N interval=${INTERVAL}s probe latency=$LATENCY duration=${DURATION}s heap=-Xmx$HEAP pool=$POOL"
java -Xmx"$HEAP" -jar "$JAR" --spring.profiles.active=demo \
  --server.port="$PORT" \
  --continuity.demo.password="$PASSWORD" \
  --continuity.inventory="$WORK/inventory.yaml" \
  --spring.datasource.url="jdbc:h2:file:$WORK/data/continuity;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;WRITE_DELAY=0" \
  --continuity.monitoring.interval.tier1="${INTERVAL}s" \
  --continuity.monitoring.interval.tier2="${INTERVAL}s" \
  --continuity.monitoring.pool-size="$POOL" \
  --continuity.monitoring.platform-concurrency="$PLATFORM_CONCURRENCY" \
  --logging.level.root=WARN > "$WORK/server.log" 2>&1 &
SERVER_PID=$!

for _ in $(seq 1 180); do
  curl -fs "http://localhost:$PORT/actuator/health" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "server died:"; tail -40 "$WORK/server.log"; exit 1; }
  sleep 1
done
echo "bench: server up; waiting until every resource has been probed once"
for _ in $(seq 1 $(( INTERVAL * 4 ))); do
  unprobed=$(curl -fs -u "admin:$PASSWORD" "http://localhost:$PORT/api/v1/status" |
    python3 -c 'import json,sys; print(sum(r["evidenceAgeSeconds"] is None for r in json.load(sys.stdin)["resources"]))')
  [[ "$unprobed" == 0 ]] && break
  sleep 1
done
echo "bench: $unprobed resources still unprobed; measuring for ${DURATION}s"

prom() { curl -fs -u "admin:$PASSWORD" "http://localhost:$PORT/actuator/prometheus"; }
probes() { prom | awk '/^continuity_probe_duration_seconds_count/ {s += $NF} END {printf "%d", s}'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }

start_probes=$(probes); start_ticks=$(cpu_ticks); start_time=$(date +%s.%N)
ages="$WORK/ages.txt"; : > "$ages"
heap_max=0
end=$(( $(date +%s) + DURATION ))
while [[ $(date +%s) -lt $end ]]; do
  curl -fs -u "admin:$PASSWORD" "http://localhost:$PORT/api/v1/status" |
    python3 -c 'import json,sys; [print(r["evidenceAgeSeconds"] if r["evidenceAgeSeconds"] is not None else 1e9) for r in json.load(sys.stdin)["resources"]]' >> "$ages"
  heap=$(prom | awk 'index($0, "jvm_memory_used_bytes{") == 1 && index($0, "area=\"heap\"") {s += $NF} END {printf "%d", s}')
  (( heap > heap_max )) && heap_max=$heap
  sleep 5
done
end_probes=$(probes); end_ticks=$(cpu_ticks); end_time=$(date +%s.%N)

python3 - "$N" "$INTERVAL" "$start_probes" "$end_probes" "$start_time" "$end_time" \
  "$start_ticks" "$end_ticks" "$(getconf CLK_TCK)" "$heap_max" "$ages" "$(nproc)" <<'PY'
import sys
n, interval = int(sys.argv[1]), float(sys.argv[2])
p0, p1, t0, t1 = int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
k0, k1, hz, heap = int(sys.argv[7]), int(sys.argv[8]), int(sys.argv[9]), int(sys.argv[10])
ages = sorted(float(line) for line in open(sys.argv[11]) if line.strip())
cores = int(sys.argv[12])
elapsed = t1 - t0
rate, required = (p1 - p0) / elapsed, n / interval
worst = ages[-1] if ages else float("nan")
p99 = ages[int(0.99 * (len(ages) - 1))] if ages else float("nan")
cpu = (k1 - k0) / hz / elapsed
print(f"probes/s       achieved {rate:8.1f}   required {required:8.1f}   ({100 * rate / required:5.1f} %)")
print(f"evidence age   worst {worst:6.1f} s   p99 {p99:6.1f} s   interval {interval:.0f} s   goal worst < {1.5 * interval:.1f} s")
print(f"cpu            {cpu:5.2f} cores of {cores} ({100 * cpu / cores:5.1f} %)")
print(f"heap used      max {heap / 2**20:6.1f} MiB   goal < 512 MiB")
print(f"samples        {len(ages)} evidence ages over {elapsed:.0f} s")
PY
