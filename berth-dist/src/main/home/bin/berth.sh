#!/usr/bin/env bash
# The launcher of a Berth install, with wso2server.sh's vocabulary (carbon-kernel's
# distribution/kernel/carbon-home/bin/wso2server.sh):
#
#   berth.sh [-DportOffset=N] [options]       run the server in the foreground
#   berth.sh start|--start [options]          start it in the background, logging to <base>/logs/;
#                                             return 0 once it runs, or its reason (with a hint where there is one) and non-zero
#   berth.sh stop|--stop                      stop it; wait until every port is released
#   berth.sh restart|--restart [options]      stop, then start in the background
#   berth.sh version|--version                print the version
#   berth.sh --debug PORT [options]           run in the foreground, waiting for a debugger on PORT
#   berth.sh cds                              make the install's class-data archive (lib/berth.jsa)
#   berth.sh COMMAND ...                      any other berth command: status, ports, plan, home create ...
#
# As with wso2server.sh, every -Dname=value among the arguments, wherever it stands, becomes a system
# property of the JVM. The single-dash forms (-start, -stop, -restart, -version, -debug) work too.
#
# The install (this bin/, lib/ and the shipped conf/) is replaceable; a base (conf/, repository/, logs/,
# runtime/) is an instance's own, as Tomcat's CATALINA_BASE: `--base DIR` or BERTH_BASE=DIR runs the
# base DIR (made by `berth.sh home create DIR`); without either, the install is its own base.

# `sh berth.sh`, as WSO2 operators type it, runs this file under dash or another POSIX shell: it reads
# this far, then bash takes over.
if [ -z "${BASH_VERSION:-}" ]; then
  if command -v bash > /dev/null 2>&1; then
    exec bash "$0" "$@"
  fi
  echo "berth: bin/berth.sh needs bash, which is not installed" >&2
  exit 1
fi
set -euo pipefail

# The install, as a physical path (the class-data archive names its jars by it). A start pays for every process
# this script forks before java, so the common case (the script is no symlink) forks one subshell, nothing more.
script="${BASH_SOURCE[0]}"
[ ! -L "$script" ] || script="$(readlink -f "$script" 2> /dev/null || echo "$script")"
case "$script" in */*) install="${script%/*}/.." ;; *) install=.. ;; esac
install="$(cd "$install" && pwd -P)"

# What hints name as the command to type: a wrapper that runs this script (a clone's ./berth) says so in BERTH_LAUNCHER.
launcher="${BERTH_LAUNCHER:-bin/berth.sh}"

die() {   # die CODE MESSAGE: one line on stderr, as every berth command reports bad input (2) or a failure (1)
  echo "berth: $2" >&2
  exit "$1"
}

# ----- The arguments: launcher commands, -D properties, --base, and what goes on to the berth command
system_properties=()
arguments=()
launcher_command=""
debug_port=""
base="${BERTH_BASE:-}"
set_command() {
  [ -z "$launcher_command" ] || die 2 "give one of start, stop, restart, version at a time (was $launcher_command and $1)"
  launcher_command="$1"
}
while [ $# -gt 0 ]; do
  argument="$1"
  shift
  case "$argument" in
    -D?*) system_properties+=("$argument") ;;
    --base|-base)
      [ $# -gt 0 ] && [ -n "$1" ] || die 2 "Missing the directory after $argument"
      base="$1"
      shift ;;
    --base=*) base="${argument#--base=}" ;;
    --start|-start|--stop|-stop|--restart|-restart|--version|-version) set_command "${argument##*-}" ;;
    --debug|-debug|debug)
      # debug is a word only in the command position, as start, stop ... below
      if [ "$argument" = debug ] && [ ${#arguments[@]} -gt 0 ]; then
        arguments+=("$argument")
        continue
      fi
      case "${1:-}" in
        [0-9]*) debug_port="$1"; shift ;;
        *) die 2 "Please specify the debug port after the --debug option" ;;
      esac ;;
    start|stop|restart|version)
      # Only in the command position: `berth.sh kdc add-principal start` names a principal.
      if [ ${#arguments[@]} -eq 0 ] && [ -z "$launcher_command" ]; then
        set_command "$argument"
      else
        arguments+=("$argument")
      fi ;;
    *) arguments+=("$argument") ;;
  esac
done
if [ -n "$debug_port" ] && [ -n "$launcher_command" ]; then
  die 2 "--debug runs the server in the foreground; give it without $launcher_command"
fi

# ----- The base: the instance's own conf/, repository/, logs/ and runtime/
if [ -z "$base" ]; then
  base="$install"
else
  case "$base" in /*) ;; *) base="$PWD/$base" ;; esac
  if [ ! -e "$base" ] && [ "${arguments[0]:-}" != home ]; then
    # A start makes the base it is given, as `home create` would; a command that only reads does not.
    case "$launcher_command:${arguments[0]:-}" in
      start:*|restart:*|:|:-*)
        "$script" home create "$base" > /dev/null || exit $?
        echo "berth: made the base $base from the install's shipped conf/" >&2 ;;
      *) die 2 "No base at $base; make one with: $launcher home create $base" ;;
    esac
  fi
  [ ! -d "$base" ] || base="$(cd "$base" && pwd)"
fi

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# Whether the configuration this run reads (--config FILE, else --home DIR's, else the base's) names
# [clustering] membership_scheme, in any TOML spelling: a line that mentions the key before any comment.
# Saying yes for a line that only looks like it costs a start its archived module graph, nothing else.
names_membership_scheme() {
  local files=() next="" argument
  for argument in "${arguments[@]}"; do
    case "$next" in
      config) files=("$argument"); break ;;
      home) files=("$argument/conf/deployment.toml" "$argument/repository/conf/deployment.toml"); break ;;
    esac
    case "$argument" in
      --config) next=config ;;
      --config=*) files=("${argument#--config=}"); break ;;
      --home) next=home ;;
      --home=*) files=("${argument#--home=}/conf/deployment.toml" "${argument#--home=}/repository/conf/deployment.toml"); break ;;
    esac
  done
  [ ${#files[@]} -gt 0 ] || files=("$base/conf/deployment.toml")
  local file line
  for file in "${files[@]}"; do
    [ -f "$file" ] && [ -r "$file" ] || continue
    # read, not sed | grep: two processes fewer on every start
    while IFS= read -r line || [ -n "$line" ]; do
      line="${line%%#*}"
      [[ "$line" != *membership_scheme* ]] || return 0
    done < "$file"
  done
  return 1
}

# ----- The JVM: the install's options (conf/jvm.options, a java argument file), a cluster member's
# (conf/cluster.options), then the base's own, then JAVA_OPTS, then the -D properties of the command line:
# a later option wins.
jvm_options=("@$install/conf/jvm.options")
# A cluster member's options (conf/cluster.options: Hazelcast's module options) only when the configuration
# names a membership scheme: they turn off the JVM's archived module graph, which every other start would pay.
if [ -f "$install/conf/cluster.options" ] && names_membership_scheme; then
  jvm_options+=("@$install/conf/cluster.options")
fi
if [ "$base" != "$install" ] && [ -f "$base/conf/jvm.options" ]; then
  jvm_options+=("@$base/conf/jvm.options")
fi
# The debug port, checked before the JVM starts, so that a taken one is Berth's one line, not the JVM's transport
# error 202. The JVM's agent binds the loopback address (address=PORT), which anything listening there or on the
# wildcard takes: a connection to it answers whether one does; ss names the holder where it may.
debug_port_holder() {
  local pid="" command
  if command -v ss > /dev/null 2>&1; then
    pid="$(ss -Hltnp "sport = :$1" 2> /dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1)"
  fi
  if [ -z "$pid" ]; then
    echo "a process this user cannot see"
    return
  fi
  command="$(tr '\0' ' ' < "/proc/$pid/cmdline" 2> /dev/null || true)"
  case "$command" in
    *-Dberth.home=*) command="${command#*-Dberth.home=}"; echo "Berth instance ${command%% *} (pid $pid)" ;;
    *) [ ${#command} -le 120 ] || command="${command:0:117}..."; echo "pid $pid (${command% })" ;;
  esac
}
if [ -n "$debug_port" ]; then
  case "$debug_port" in *[!0-9]*) die 2 "Invalid debug port '$debug_port' after --debug: give a port number 1..65535" ;; esac
  [ "$debug_port" -ge 1 ] && [ "$debug_port" -le 65535 ] 2> /dev/null \
    || die 2 "Invalid debug port '$debug_port' after --debug: give a port number 1..65535"
  if (exec 3<> "/dev/tcp/127.0.0.1/$debug_port") 2> /dev/null; then
    die 1 "debug port $debug_port/tcp is taken by $(debug_port_holder "$debug_port"); give another after --debug"
  fi
  echo "berth: waiting for a debugger on port $debug_port (suspend=y)..." >&2
  jvm_options+=("-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=$debug_port")
fi
log_config="$base/conf/log4j2.properties"
[ -f "$log_config" ] || log_config="$install/conf/log4j2.properties"

# The class-data archive of the install's jars (AppCDS), made by `berth.sh cds` or recorded by a
# foreground start (bin/class-data.sh): the JVM then maps the classes a start loads instead of reading,
# verifying and linking them one by one. It belongs to the install (it names the jars), so every base
# shares it. It is used only while current: no jar newer, made for this lib/ and this java.
# shellcheck source=class-data.sh
. "$install/bin/class-data.sh"
archive="$install/lib/berth.jsa"
class_data=()
if class_data_current "$archive" "$install/lib" "$java"; then
  class_data=(-XX:SharedArchiveFile="$archive" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off)
fi

# The JVM of this install, up to the main class. JAVA_OPTS is split on spaces on purpose: it holds several options.
# shellcheck disable=SC2206
jvm=("$java" "${jvm_options[@]}" ${JAVA_OPTS:-} "${system_properties[@]}"
  -Dlog4j2.configurationFile="$log_config" -Dberth.install="$install" -cp "$install/lib/*")

# A base's Main: berth.home names the base, which client commands (status, stop) find the instance by.
main=(-Dberth.home="$base" io.berth.cli.Main)

running() {   # running PID DIR: DIR's runtime file says that PID runs (the state a started instance writes)
  local file="$2/runtime/instance.json"
  grep -Eq "\"pid\" *: *$1[^0-9]" "$file" 2> /dev/null && grep -Eq '"state" *: *"running"' "$file" 2> /dev/null
}

# A command's --help is the berth command's: `berth.sh start --help` prints start's help, in the foreground.
wants_help=no
for argument in "${arguments[@]}"; do
  case "$argument" in -h|--help) wants_help=yes ;; esac
done

# `berth.sh cds --help` is the berth command's help of cds, as every command's; no training start.
if [ "${arguments[0]:-}" = cds ] && [ $wants_help = yes ]; then
  exec "${jvm[@]}" "${main[@]}" "${arguments[@]}"
fi

# `berth.sh cds`: a training start, in a scratch base of this install's shipped conf, records what a start loads.
if [ "${arguments[0]:-}" = cds ]; then
  scratch="$(mktemp -d "${TMPDIR:-/tmp}/berth-cds.XXXXXX")"
  training=""
  trap '[ -n "$training" ] && kill "$training" 2>/dev/null; rm -rf "$scratch" "$archive.tmp"' EXIT
  cp -r "$install/conf" "$scratch/conf"
  echo "berth: a training start in $scratch records the classes a start loads (once per install: a start and three requests, 10 s to a few minutes on a busy machine)..."
  # At an auto offset; started again (at most three times) when a neighbour binds a port between the
  # pick and the bind, the one race a shared host genuinely has.
  for attempt in 1 2 3; do
    "${jvm[@]}" -XX:ArchiveClassesAtExit="$archive.tmp" -Xlog:cds=off -Xlog:cds+dynamic=off \
      -Dberth.home="$scratch" -DportOffset=auto io.berth.cli.Main start > "$scratch/training.out" 2>&1 &
    training=$!
    for _ in $(seq 1 1200); do   # at most 120 s
      running "$training" "$scratch" && break
      kill -0 "$training" 2> /dev/null || break
      sleep 0.1
    done
    running "$training" "$scratch" && break
    wait "$training" || true
    training=""
    grep -q '^berth: .* is taken by ' "$scratch/training.out" || break
  done
  if ! running "$training" "$scratch"; then
    echo "berth: the training start did not come up; its output:" >&2
    tail -n 20 "$scratch/training.out" >&2
    exit 1
  fi
  # A request each to the console, the API and the health probe (a load balancer's or Kubernetes' first
  # request), so the classes that serve them are recorded too.
  console="$(sed -n 's/.*"consoleUrl" : "\([^"]*\)".*/\1/p' "$scratch/runtime/instance.json")"
  if command -v curl > /dev/null; then
    for request in "$console" "${console%/console}/api/ports" "${console%/console}/api/health"; do
      curl -sk -o /dev/null --max-time 10 "$request" || true
    done
  fi
  kill -TERM "$training"
  wait "$training" || true   # the archive is written on the way out
  training=""
  if [ ! -s "$archive.tmp" ]; then
    echo "berth: the training start wrote no class-data archive; its output:" >&2
    tail -n 20 "$scratch/training.out" >&2
    exit 1
  fi
  mv -f "$archive.tmp" "$archive"
  class_data_stamp "$install/lib" "$java" > "$archive.stamp"
  echo "berth: class-data archive $archive ($(du -k "$archive" | cut -f1) KiB); starts of this install use it until a jar changes"
  exit 0
fi

# stop_starting PID SIGNAL CODE: the start was killed by SIGNAL while PID was coming up. SIGTERM stops the
# instance as `berth stop` does (the JVM releases every port on its way out); one that has not exited within
# 60 s (an endpoint half-way through its start finishes that first) is killed. Exits CODE, 128 + the
# signal's number, as a shell killed by it would.
stop_starting() {
  trap - TERM INT HUP
  local pid="$1"
  if [ -z "$pid" ]; then
    echo "berth: start interrupted by SIG$2 before the instance was started" >&2
    exit "$3"
  fi
  kill -TERM "$pid" 2> /dev/null || true
  for _ in $(seq 1 600); do
    kill -0 "$pid" 2> /dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2> /dev/null; then
    kill -KILL "$pid" 2> /dev/null || true
    echo "berth: start interrupted by SIG$2; the instance (pid $pid) did not stop within 60 s and was killed" >&2
  else
    echo "berth: start interrupted by SIG$2; the instance it was starting (pid $pid) is stopped" >&2
  fi
  exit "$3"
}

# `berth.sh start`: the server in the background, its console output in logs/berth.out. Unlike
# wso2server.sh, which returns before it knows, this returns once the instance runs or has failed.
start_background() {
  mkdir -p "$base/logs"
  local out="$base/logs/berth.out" pid code reason
  local bound="${BERTH_START_TIMEOUT:-120}"
  # Appended to, never truncated: an instance already running in this base may still be writing to it.
  # Only what this start writes, from its first byte on, is searched for its reason.
  local from=1
  [ ! -f "$out" ] || from=$(($(wc -c < "$out") + 1))
  # This start killed while it waits (Ctrl-C, a closed terminal, a script's cleanup) stops what it was starting:
  # nothing is left half-started, holding ports, that no one asked to keep. Set before the JVM is forked; a
  # signal between the fork and `pid=$!` finds the JVM in $!.
  pid=""
  trap 'stop_starting "${pid:-$!}" TERM 143' TERM
  trap 'stop_starting "${pid:-$!}" INT 130' INT
  trap 'stop_starting "${pid:-$!}" HUP 129' HUP
  nohup "${jvm[@]}" "${class_data[@]}" "${main[@]}" start "${arguments[@]}" >> "$out" 2>&1 < /dev/null &
  pid=$!
  local deadline=$((SECONDS + bound))
  while [ $SECONDS -lt $deadline ]; do
    if running "$pid" "$base"; then
      local console
      console="$(sed -n 's/.*"consoleUrl" : "\([^"]*\)".*/\1/p' "$base/runtime/instance.json")"
      # An auto start that lost a port to a neighbour and started again says so here too, not only in the log.
      tail -c +"$from" "$out" | grep '^berth: .*starting again at the next free offset' >&2 || true
      echo "Berth started in $base (pid $pid): ${console:-no console}; logs in $base/logs"
      exit 0
    fi
    if ! kill -0 "$pid" 2> /dev/null; then
      code=0
      wait "$pid" || code=$?
      # Its reason: the last "berth: " line this start wrote and the hint lines after it ("Did you mean
      # --port-offset?", "Try 'berth start --help' ..."), not the log lines ("[2026-...] ...") around them.
      reason="$(tail -c +"$from" "$out" | awk '/^berth: / { reason = ""; found = 1 } found && !/^\[/ { reason = reason $0 "\n" } END { printf "%s", reason }' || true)"
      echo "${reason:-berth: the instance exited with $code before it ran; its output is in $out}" >&2
      [ "$code" -ne 0 ] || code=1
      exit "$code"
    fi
    sleep 0.2
  done
  die 1 "the instance (pid $pid) did not come up within $bound s (BERTH_START_TIMEOUT); it goes on starting, its output is in $out"
}

# `berth.sh restart` of a running instance, before it stops anything: the new start keeps the instance's offset
# source (one started with -DportOffset=auto or --port-offset restarts with it; an offset given to restart wins;
# one read from [server] offset reads the file again), and must be able to bind its ports: each free, or held by
# this very instance (`ports check` counts those as this base's). Else one line, and the instance keeps running.
restart_check() {
  local file="$base/runtime/instance.json" pid source offset auto argument
  pid="$(sed -n 's/^  "pid" : \([0-9]*\).*/\1/p' "$file" 2> /dev/null | head -n 1)"
  [ -n "$pid" ] && running "$pid" "$base" || return 0
  local stated=no
  for argument in "${system_properties[@]}" "${arguments[@]}"; do
    case "$argument" in -DportOffset=*|--port-offset|--port-offset=*|--offset|--offset=*) stated=yes ;; esac
  done
  if [ $stated = no ]; then
    source="$(sed -n 's/^    "offsetSource" : "\(.*\)",*$/\1/p' "$file" | head -n 1)"
    offset="$(sed -n 's/^    "offset" : \([0-9]*\).*/\1/p' "$file" | head -n 1)"
    auto="$(sed -n 's/^    "offsetAuto" : \([a-z]*\).*/\1/p' "$file" | head -n 1)"
    [ "$auto" != true ] || offset=auto
    case "$source" in
      "option --port-offset") arguments+=(--port-offset "$offset") ;;
      "option --offset") arguments+=(--offset "$offset") ;;
      "system property portOffset") jvm+=("-DportOffset=$offset") ;;
    esac
  fi
  local check errors code=0
  errors="$(mktemp)"
  check="$("${jvm[@]}" "${class_data[@]}" "${main[@]}" ports check "${arguments[@]}" 2> "$errors")" || code=$?
  if [ $code -ne 0 ] && [ $code -ne 1 ]; then   # bad input: the command's own line; nothing was stopped
    cat "$errors" >&2
    rm -f "$errors"
    exit $code
  fi
  rm -f "$errors"
  [ $code -eq 1 ] || return 0
  local planned taken
  planned="$(printf '%s\n' "$check" | sed -n 's/^Offset \([0-9]*\) .*/\1/p' | head -n 1)"
  taken="$(printf '%s\n' "$check" | awk '$4 == "taken" { line = $0; sub(/^[^ ]+ +[^ ]+ +[^ ]+ +taken +/, "", line);
    printf "%s%s/%s (%s), taken by %s", (n++ ? "; " : ""), $2, $3, $1, line }')"
  die 1 "not restarting $base: the new start at offset $planned cannot bind ${taken:-every port}; the instance (pid $pid) keeps running"
}

case "$launcher_command" in
  "")
    # A foreground server start (as io.berth.cli.Main reads its arguments) without a current archive records one.
    case "${arguments[0]:--}" in -h|--help|-V|--version) ;; -*)
      # shellcheck disable=SC2086
      if [ ${#class_data[@]} -eq 0 ] && [ -z "$debug_port" ] && class_data_may_record "$install/lib" ${JAVA_OPTS:-}; then
        class_data_record "$archive" "$install/lib" "$java" "${jvm[@]}" "${main[@]}" "${arguments[@]}"
      fi ;;
    esac
    exec "${jvm[@]}" "${class_data[@]}" "${main[@]}" "${arguments[@]}" ;;
  version)
    exec "${jvm[@]}" "${main[@]}" --version ;;
  stop)
    exec "${jvm[@]}" "${class_data[@]}" "${main[@]}" stop "${arguments[@]}" ;;
  start)
    [ $wants_help = no ] || exec "${jvm[@]}" "${main[@]}" start "${arguments[@]}"
    start_background ;;
  restart)
    [ $wants_help = no ] || exec "${jvm[@]}" "${main[@]}" start "${arguments[@]}"
    restart_check
    code=0
    "${jvm[@]}" "${class_data[@]}" "${main[@]}" stop || code=$?
    # 3: it was not running, which a restart takes in its stride, as wso2server.sh does.
    [ $code -eq 0 ] || [ $code -eq 3 ] || exit $code
    start_background ;;
esac
