#!/usr/bin/env bash
# Switchover benchmark (a benchmark, not a test): on a real PostgreSQL primary + standby from
# continuity-lab, the write-unavailability window of the PostgreSQL connector's SWITCHOVER plan
# (every step through the connector API) against the bare manual sequence (fast stop, wait for the
# standby to replay the shutdown checkpoint, pg_promote), with a client inserting continuously.
# Runs alternate between the two and switch the roles back each time; the last line is
#
#   switchover-window-ms ours=<median> bare=<median> ratio=<ours/bare>
#
#   scripts/bench-switchover.sh              # 5 runs each (+1 warm-up each)
#   RUNS=9 WARMUPS=2 scripts/bench-switchover.sh
#
# Needs the PostgreSQL server binaries (apt-get install postgresql, or PG_BIN); as root they run
# as the postgres user. Environment: RUNS, WARMUPS, JAVA_HOME, MVN_OFFLINE=1 (adds -o).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-5}"
WARMUPS="${WARMUPS:-1}"
MODULE=continuity-connector-postgresql
offline=()
[[ "${MVN_OFFLINE:-0}" == "1" ]] && offline=(-o)

# Compile the connector with its tests and write their class path (reactor modules as
# target/classes), without installing anything.
./mvnw -q -B "${offline[@]}" -DskipTests -pl "$MODULE" -am test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test

java="java"
[[ -n "${JAVA_HOME:-}" ]] && java="$JAVA_HOME/bin/java"
cp="$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$MODULE/target/bench.classpath")"
echo "bench: $RUNS runs per method (+$WARMUPS warm-up), $(nproc) cores, $(uname -sr)," \
  "load $(cut -d' ' -f1-3 /proc/loadavg)"
exec "$java" -cp "$cp" io.continuity.connector.postgresql.SwitchoverBench "$RUNS" "$WARMUPS"
