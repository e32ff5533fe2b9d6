# Shared by the benchmarks that run the server against a real lab pair (bench-switchover.sh,
# bench-detection.sh); source it, do not run it. Defines:
#   bench_jars                  builds the server and lab jars when missing; sets JAR, LAB_JAR, java
#   bench_workdir PREFIX        a fresh WORK directory, removed (with the processes below) at exit
#   bench_start_pair RESOURCE   starts LabMain start-pair into WORK; sets EAST, WEST (ports) and
#                               ACTIONS (the pair's host action scripts)
#   bench_start_server PORT ARGS...  the server jar as the launcher runs it (demo profile, H2 file
#                               store under WORK/data, the pair's inventory); sets PASSWORD
# Environment: JAVA_HOME, SERVER_JAR, LAB_JAR.

bench_jars() {
  java="java"
  [[ -n "${JAVA_HOME:-}" ]] && java="$JAVA_HOME/bin/java"
  JAR="${SERVER_JAR:-continuity-server/target/continuity-server.jar}"
  if [[ ! -f "$JAR" || ( -z "${LAB_JAR:-}" && -z "$(bench_lab_jar)" ) ]]; then
    ./mvnw -q -B -DskipTests package -pl continuity-server,continuity-lab -am
  fi
  LAB_JAR="${LAB_JAR:-$(bench_lab_jar)}"
}

bench_lab_jar() {
  ls continuity-lab/target/continuity-lab-*.jar 2>/dev/null | grep -v -e sources -e tests | head -1
}

LAB_PID=""
SERVER_PID=""
bench_cleanup() {
  set +e
  [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  [[ -n "$LAB_PID" ]] && kill "$LAB_PID" 2>/dev/null && wait "$LAB_PID" 2>/dev/null
  rm -rf "$WORK"
}

bench_workdir() {
  WORK="$(mktemp -d "/tmp/$1.XXXXXX")"
  chmod 755 "$WORK"
  trap bench_cleanup EXIT
}

bench_start_pair() {
  "$java" -cp "$LAB_JAR" io.continuity.lab.LabMain start-pair --inventory-out "$WORK/pair.yaml" \
    --dir "$WORK" --resource-id "$1" --watch-pid $$ >"$WORK/lab.log" 2>&1 &
  LAB_PID=$!
  for _ in $(seq 1 1200); do
    [[ -f "$WORK/pair.yaml" ]] && break
    kill -0 "$LAB_PID" 2>/dev/null || { echo "lab pair did not start:"; cat "$WORK/lab.log"; exit 1; }
    sleep 0.1
  done
  EAST="$(awk '$1 == "east" {split($2, a, ":"); print a[2]}' "$WORK/lab.log")"
  WEST="$(awk '$1 == "west" {split($2, a, ":"); print a[2]}' "$WORK/lab.log")"
  ACTIONS="$(dirname "$(awk '$1 == "east" {sub(/\)$/, "", $5); print $5}' "$WORK/lab.log")")/actions"
}

bench_start_server() {
  local port="$1"
  shift
  PASSWORD="bench-$$-$RANDOM"
  mkdir -p "$WORK/data"
  SERVER_PORT="$port" CONTINUITY_DATA_DIR="$WORK/data" CONTINUITY_DEMO_PASSWORD="$PASSWORD" \
    "$java" -jar "$JAR" --spring.profiles.active=demo \
    --continuity.inventory="$WORK/pair.yaml" "$@" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1 && break
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server died:"; tail -60 "$WORK/server.log"; exit 1; }
    sleep 0.5
  done
  echo "bench: server up on :$port"
}
