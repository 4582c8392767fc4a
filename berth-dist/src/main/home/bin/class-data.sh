# The class-data archive (AppCDS) of an install's jars, kept current without being asked: sourced by
# bin/berth.sh. A start whose archive is missing or out of date records a new one as it runs
# (-XX:ArchiveClassesAtExit: the classes this very start and its requests loaded), written by the JVM
# on its way out, after every port is released, and put in place only when the server ran and stopped
# cleanly. No second process, no port of its own; the cost is the dump at the end of that one run.
# BERTH_CLASS_DATA=off turns the recording off (the archive `berth.sh cds` made is still used).

# The archive is current: present, no jar newer, and made for this lib/ and this java (its stamp).
# A JVM finding an archive of another path or another java would pass it over, and it would never be renewed.
# Every start asks, so the check runs in the shell alone (test -nt, read, test -ef), forking nothing but
# `command -v`'s subshell.
class_data_current() {   # ARCHIVE LIB JAVA
  [ -f "$1" ] && [ -f "$1.stamp" ] || return 1
  local jar stamp
  for jar in "$2"/*.jar; do
    [ ! "$jar" -nt "$1" ] || return 1
  done
  IFS= read -r stamp < "$1.stamp" || [ -n "$stamp" ] || return 1
  # The stamp is "lib=LIB java=JAVA" (class_data_stamp); the same java is the same file, however it is reached.
  [ "${stamp%% java=*}" = "lib=$2" ] && [ "$(command -v "$3")" -ef "${stamp#* java=}" ]
}

class_data_stamp() {   # LIB JAVA: what an archive was made for
  echo "lib=$1 java=$(readlink -f "$(command -v "$2")" 2> /dev/null || echo "$2")"
}

# Whether this run may record: asked for (not off), the lib/ writable, and no class-data option of the user's own.
class_data_may_record() {   # LIB JAVA_OPTS...
  local lib="$1"; shift
  [ "${BERTH_CLASS_DATA:-auto}" != off ] && [ -w "$lib" ] || return 1
  case " $* " in *Xshare*|*SharedArchiveFile*|*ArchiveClassesAtExit*|*AOTCache*|*AOTMode*) return 1 ;; esac
}

# Runs the JVM command recording ARCHIVE on the way out, and exits with its status. The JVM is a child
# (so that the archive can be put in place after it has exited): SIGTERM, SIGINT and SIGHUP sent to
# this script are passed on to it, and its standard input is this script's.
class_data_record() {   # ARCHIVE LIB JAVA JVM-COMMAND... (java, its options, the main class, its arguments)
  local archive="$1" lib="$2" java="$3"; shift 3
  local temporary="$archive.$$.tmp" status=0 child
  trap 'rm -f "$temporary"' EXIT
  # The recording's options right after the java command, before the main class and its arguments.
  "$1" -XX:ArchiveClassesAtExit="$temporary" -Xlog:cds=off -Xlog:cds+dynamic=off "${@:2}" <&0 &
  child=$!
  trap 'kill -TERM "$child" 2> /dev/null' TERM
  trap 'kill -INT "$child" 2> /dev/null' INT
  trap 'kill -HUP "$child" 2> /dev/null' HUP
  while :; do
    status=0
    wait "$child" || status=$?
    kill -0 "$child" 2> /dev/null || break   # a signal ended the wait, not the JVM: wait on
  done
  # 0, or 130/143 of a stop by signal: a clean end. A failed start (1, 2) recorded too little to keep.
  if { [ $status -eq 0 ] || [ $status -eq 130 ] || [ $status -eq 143 ]; } && [ -s "$temporary" ]; then
    mv -f "$temporary" "$archive"
    class_data_stamp "$lib" "$java" > "$archive.stamp"
  fi
  exit $status
}
