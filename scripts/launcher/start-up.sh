# Sourced by ./continuity (needs ROOT, JAR, DEMO_INVENTORY): how the server is started fast
# (issue 15, docs/performance.md "Start-up", decision 030).
#
# - The server runs from the jar extracted by Spring Boot's tools jar mode (CDS-friendly layout:
#   lib/ beside a thin jar) with an archive made by one training run (-Dspring.context.exit=onRefresh
#   on a throw-away data directory): on Java 25 and later an ahead-of-time cache
#   (-XX:AOTCacheOutput: classes loaded and linked, method profiles), before that a class-data
#   sharing archive (-XX:ArchiveClassesAtExit). They live in continuity-server/target/cds, one per
#   Java feature version, are remade whenever the jar is newer, and are never committed. If one
#   cannot be made, SERVER_CMD is plain `java -jar`; a stale or unusable archive is ignored by the
#   JVM (-Xshare:auto, -XX:AOTMode=auto), so it never stops the start.
# - The demo runs in Spring AOT mode (-Dspring.aot.enabled=true: the bean definitions the build
#   worked out for the demo profile, no configuration class parsing at start) only when nothing
#   could change which beans exist: no extra argument but --logging.*, no Spring, server,
#   management or Continuity setting in the environment beyond the launcher's own, no
#   application.* file in the working directory or ./config, no -D in JAVA_TOOL_OPTIONS /
#   JDK_JAVA_OPTIONS. Otherwise it says why and starts the usual way. CONTINUITY_SPRING_AOT=0 turns
#   it off. Every start check runs in both modes; only the bean definitions are precomputed.

CDS_DIR="$ROOT/continuity-server/target/cds"
SERVER_CMD=()

# The feature version of a java binary (17, 21, 25, ...), 0 if it cannot be told: from the JDK's
# release file when there is one (no JVM start), else from `java -version`.
java_feature() {
  local bin release version
  bin="$(readlink -f "$(command -v "$1" 2>/dev/null || echo "$1")" 2>/dev/null || echo "$1")"
  release="$(dirname "$(dirname "$bin")")/release"
  if [[ -f "$release" ]]; then
    version="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" || true)"
  else
    version="$("$1" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p' || true)"
  fi
  [[ "$version" =~ ^[0-9]+$ ]] && echo "$version" || echo 0
}

# Whether the build put Spring AOT's output for the demo profile into this (thin) jar: zip entry
# names are stored uncompressed, so the initializer's class name is found in the file itself.
has_spring_aot() {
  grep -aq 'io/continuity/server/ContinuityApplication__ApplicationContextInitializer' "$1"
}

# Prints what stops Spring AOT mode for a demo started with these extra arguments; nothing if
# nothing does.
spring_aot_blocker() {
  local arg name file
  [[ "${CONTINUITY_SPRING_AOT:-1}" == "0" ]] && { echo "CONTINUITY_SPRING_AOT=0"; return 0; }
  for arg in "$@"; do
    [[ "$arg" == --logging.* ]] || { echo "the argument $arg"; return 0; }
  done
  for name in $(compgen -e); do
    case "$name" in
      SERVER_PORT | CONTINUITY_DATA_DIR | CONTINUITY_DEMO_PASSWORD | CONTINUITY_DEMO_PAIR | \
        CONTINUITY_DEMO_FAKES | CONTINUITY_CDS | CONTINUITY_SPRING_AOT | CONTINUITY_URL | \
        CONTINUITY_TOKEN | LOGGING_*) ;;
      SPRING_* | SERVER_* | MANAGEMENT_* | CONTINUITY_*)
        echo "the environment variable $name"
        return 0
        ;;
    esac
  done
  for file in application*.yml application*.yaml application*.properties \
    config/application*.yml config/application*.yaml config/application*.properties; do
    [[ -e "$file" ]] && { echo "the configuration file $file"; return 0; }
  done
  [[ "${JAVA_TOOL_OPTIONS:-} ${JDK_JAVA_OPTIONS:-}" == *-D* ]] && echo "system properties in JAVA_TOOL_OPTIONS/JDK_JAVA_OPTIONS"
  return 0
}

# Makes the archive if it is missing and sets SERVER_CMD for the server:
#   prepare_cds build <java>                       (./continuity build: the archive only)
#   prepare_cds demo <java> [demo's extra arguments...]
prepare_cds() {
  local mode="$1" java="$2"
  shift 2
  local app="$CDS_DIR/continuity-server.jar" feature archive make_flag use_flags aot=()
  SERVER_CMD=("$java" -jar "$JAR")
  [[ "${CONTINUITY_CDS:-1}" == "0" ]] && return 0
  feature="$(java_feature "$java")"
  if ((feature >= 25)); then
    archive="$CDS_DIR/continuity-server-java$feature.aot"
    make_flag="-XX:AOTCacheOutput"
    use_flags=(-XX:AOTMode=auto -XX:AOTCache="$archive" -Xlog:aot=off -Xlog:cds=off)
  else
    archive="$CDS_DIR/continuity-server-java$feature.jsa"
    make_flag="-XX:ArchiveClassesAtExit"
    use_flags=(-XX:SharedArchiveFile="$archive" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off)
  fi
  # The jar keeps the build's fixed timestamp (reproducible builds), so staleness is judged by a
  # stamp of its size, inode and change time (ctime moves whenever the file is rewritten).
  local stamp
  stamp="$(stat -c '%s %i %Z' "$JAR")"
  if [[ ! -f "$app" || "$(cat "$CDS_DIR/jar-stamp" 2>/dev/null)" != "$stamp" ]]; then
    rm -rf "$CDS_DIR"
    if ! "$java" -Djarmode=tools -jar "$JAR" extract --destination "$CDS_DIR" >/dev/null 2>&1; then
      echo "Note: could not extract $JAR; starting without class-data sharing." >&2
      rm -rf "$CDS_DIR"
      return 0
    fi
    echo "$stamp" >"$CDS_DIR/jar-stamp"
  fi
  has_spring_aot "$app" && aot=(-Dspring.aot.enabled=true)
  if [[ ! -f "$archive" ]]; then
    echo "Building the class-data archive for Java $feature (once per build; makes later starts faster)..."
    local training
    training="$(mktemp -d "${TMPDIR:-/tmp}/continuity-cds.XXXXXX")"
    # A clean environment: the training start must not reach the operator's store or settings.
    (cd "$training" && env -i PATH="$PATH" HOME="${HOME:-$training}" TMPDIR="${TMPDIR:-/tmp}" \
      SERVER_PORT=0 CONTINUITY_DATA_DIR="$training/data" CONTINUITY_DEMO_PASSWORD="cds-training" \
      "$java" "$make_flag=$archive.tmp" "${aot[@]}" \
      -Dspring.context.exit=onRefresh -jar "$app" --spring.profiles.active=demo \
      --continuity.inventory="$DEMO_INVENTORY" --logging.level.root=WARN) \
      >"$training/training.log" 2>&1 || true
    if [[ -s "$archive.tmp" ]]; then
      mv "$archive.tmp" "$archive"
    else
      echo "Note: the class-data archive could not be made; starting without it." >&2
    fi
    rm -f "$archive.tmp" "$archive.tmp.config"
    rm -rf "$training"
  fi
  [[ "$mode" == build ]] && return 0
  if ((${#aot[@]} > 0)); then
    local blocker
    blocker="$(spring_aot_blocker "$@")"
    if [[ -n "$blocker" ]]; then
      echo "Note: $blocker could change which beans exist: starting without Spring AOT (slower)." >&2
      aot=()
    fi
  fi
  if [[ -f "$archive" ]]; then
    SERVER_CMD=("$java" "${use_flags[@]}" "${aot[@]}" -jar "$app")
  else
    SERVER_CMD=("$java" "${aot[@]}" -jar "$app")
  fi
}
