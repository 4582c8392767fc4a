#!/usr/bin/env bash
# Runs the berth command of this home: `berth.sh [command] [options]`, no command meaning `start`.
# As with wso2server.sh, every -Dname=value among the arguments, wherever it stands, becomes a
# system property of the JVM: `berth.sh -DportOffset=3`.
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

system_properties=()
arguments=()
for argument in "$@"; do
  case "$argument" in
    -D?*=*|-D?*) system_properties+=("$argument") ;;
    *) arguments+=("$argument") ;;
  esac
done

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# What Hazelcast 5 asks for on Java 17 (io.berth.server.cluster.HazelcastJvmOptions), so the
# cluster member starts without its warning, and its early log lines go to log4j2 too.
hazelcast_options=(-Dhazelcast.logging.type=log4j2)
# The module options only where a cluster member can run: any one of them turns off the JVM's archived
# module graph (CDS), a tenth of a second of CPU at every start. Clustering is off unless a membership
# scheme is given, and no configuration gives one without the word: a file that does not hold it
# outside a comment (the one --config names, else the home's; none at all runs every default) has no member.
config_file="$home/conf/deployment.toml"
for ((i = 0; i < ${#arguments[@]}; i++)); do
  case "${arguments[$i]}" in
    --config) config_file="${arguments[$((i + 1))]:-}" ;;
    --config=*) config_file="${arguments[$i]#--config=}" ;;
  esac
done
if grep -v '^[[:space:]]*#' "$config_file" 2> /dev/null | grep -q membership_scheme; then
  hazelcast_options=(
    --add-modules java.se
    --add-exports java.base/jdk.internal.ref=ALL-UNNAMED
    --add-opens java.base/java.lang=ALL-UNNAMED
    --add-opens java.base/sun.nio.ch=ALL-UNNAMED
    --add-opens java.management/sun.management=ALL-UNNAMED
    --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED
    "${hazelcast_options[@]}"
  )
fi

# The class-data archive of this home's jars (AppCDS), made by `berth.sh cds` or recorded by a start
# (bin/class-data.sh): the JVM then maps the classes a start loads instead of reading, verifying and
# linking them one by one. It is used only while current: no jar newer, made for this lib/ and this java.
# shellcheck source=class-data.sh
. "$home/bin/class-data.sh"
archive="$home/lib/berth.jsa"
class_data=()
if class_data_current "$archive" "$home/lib" "$java"; then
  class_data=(-XX:SharedArchiveFile="$archive" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off)
fi

# The JVM of this home, up to the main class. JAVA_OPTS is split on spaces on purpose: it holds several options.
# shellcheck disable=SC2206
jvm=("$java" ${JAVA_OPTS:-} "${hazelcast_options[@]}" "${system_properties[@]}"
  -Dlog4j2.configurationFile="$home/conf/log4j2.properties" -cp "$home/lib/*")

# `berth.sh cds`: a training start, in a scratch home beside this one's jars, records what a start loads.
if [ "${arguments[0]:-}" = cds ]; then
  scratch="$(mktemp -d "${TMPDIR:-/tmp}/berth-cds.XXXXXX")"
  training=""
  trap '[ -n "$training" ] && kill "$training" 2>/dev/null; rm -rf "$scratch" "$archive.tmp"' EXIT
  cp -r "$home/conf" "$scratch/conf"
  echo "berth: a training start in $scratch records the classes a start loads (about 10 s, once per install)..."
  "${jvm[@]}" -XX:ArchiveClassesAtExit="$archive.tmp" -Xlog:cds=off -Xlog:cds+dynamic=off \
    -Dberth.home="$scratch" -DportOffset=auto io.berth.cli.Main start > "$scratch/training.out" 2>&1 &
  training=$!
  running() { grep -q '"state" : "running"' "$scratch/runtime/instance.json" 2>/dev/null; }
  for _ in $(seq 1 1200); do   # at most 120 s
    running && break
    kill -0 "$training" 2>/dev/null || break
    sleep 0.1
  done
  if ! running; then
    echo "berth: the training start did not come up; its output:" >&2
    tail -n 20 "$scratch/training.out" >&2
    exit 1
  fi
  # A request each to the console and the API, so the classes that serve them are recorded too.
  console="$(sed -n 's/.*"consoleUrl" : "\([^"]*\)".*/\1/p' "$scratch/runtime/instance.json")"
  if command -v curl > /dev/null; then
    curl -sk -o /dev/null --max-time 10 "$console" || true
    curl -sk -o /dev/null --max-time 10 "${console%/console}/api/ports" || true
  fi
  kill -TERM "$training"
  wait "$training" || true   # SIGTERM ends a start with 143; the archive is written on the way out
  training=""
  if [ ! -s "$archive.tmp" ]; then
    echo "berth: the training start wrote no class-data archive; its output:" >&2
    tail -n 20 "$scratch/training.out" >&2
    exit 1
  fi
  mv -f "$archive.tmp" "$archive"
  class_data_stamp "$home/lib" "$java" > "$archive.stamp"
  echo "berth: class-data archive $archive ($(du -k "$archive" | cut -f1) KiB); starts of this home use it until a jar changes"
  exit 0
fi

# A server start (as io.berth.cli.Main reads its arguments) without a current archive records one.
case "${arguments[0]:--}" in -h|--help|-V|--version) is_start=no ;; start|-*) is_start=yes ;; *) is_start=no ;; esac
# shellcheck disable=SC2086
if [ $is_start = yes ] && [ ${#class_data[@]} -eq 0 ] && class_data_may_record "$home/lib" ${JAVA_OPTS:-}; then
  class_data_record "$archive" "$home/lib" "$java" "${jvm[@]}" -Dberth.home="$home" io.berth.cli.Main "${arguments[@]}"
fi
exec "${jvm[@]}" "${class_data[@]}" -Dberth.home="$home" io.berth.cli.Main "${arguments[@]}"
