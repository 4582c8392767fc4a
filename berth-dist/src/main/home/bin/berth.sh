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
hazelcast_options=(
  --add-modules java.se
  --add-exports java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens java.base/java.lang=ALL-UNNAMED
  --add-opens java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens java.management/sun.management=ALL-UNNAMED
  --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED
  -Dhazelcast.logging.type=log4j2
)

# JAVA_OPTS is split on spaces on purpose: it holds several options.
# shellcheck disable=SC2086
exec "$java" ${JAVA_OPTS:-} \
  "${hazelcast_options[@]}" \
  "${system_properties[@]}" \
  -Dberth.home="$home" \
  -Dlog4j2.configurationFile="$home/conf/log4j2.properties" \
  -cp "$home/lib/*" \
  io.berth.cli.Main "${arguments[@]}"
