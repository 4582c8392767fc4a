#!/usr/bin/env bash
# Berth benchmarks against a bare Jetty 12 baseline. Loopback only; every loop bounded.
#   bench/bench.sh startup [N]     start-up to first 200 on /console, and VmRSS, alternating (default N=10):
#                                  the servlet and handler Jetty baselines and Berth default / servlet-only,
#                                  each without and with its class-data archive, in N alternating rounds;
#                                  BENCH_JAVA25=<JDK 25 home> adds servlet Jetty and Berth default on it with
#                                  their AOT caches; BENCH_BEFORE_DIST=<home of an earlier build> adds that build
#   BENCH_OFFSET (default 5800): Berth's offset; the baselines take the ports of offset+1;
#   BENCH_CONFIGS: the configurations to run (default: all but the Java 25 and "before" ones);
#   BENCH_REUSE=1: only the rounds, on what the last run in BENCH_WORK set up
#   bench/bench.sh recording [N]   what a start that records the class-data archive costs, N rounds (default 3)
#   bench/bench.sh density [N] [P] N bases of product P (default 40, identity-server; or carbon) started at
#                                  once with -DportOffset=auto; PSS per instance and in total
#   bench/bench.sh throughput [S] [R]  R alternating rounds (default 3) of wrk S seconds (default 10)
#                                  on /api/ports, a static console asset and /console, vs Jetty
#   bench/bench.sh http2 [N] [R]   R alternating rounds (default 3) of h2load, N requests each (default 50000),
#                                  on /api/ports: h2 (ALPN) vs HTTP/1.1 over TLS, h2c vs HTTP/1.1 in clear text
# Needs the packaged home: mvn -B -q -pl berth-dist -am package -DskipTests. Results go to stdout; copy into RESULTS.md.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dist="${BENCH_DIST:-$repo/berth-dist/target/berth}"   # BENCH_DIST: another packaged home
work="${BENCH_WORK:-/tmp/berth-bench}"
opts="${BENCH_JAVA_OPTS:--Xmx256m -XX:TieredStopAtLevel=1}"
offset="${BENCH_OFFSET:-5800}"       # Berth: https 9443+offset (15243), http 9763+offset (15563)
jetty_https=$((9444 + offset)) jetty_http=$((9764 + offset))   # the baselines: the ports Berth takes at offset+1
console_css="$repo/berth-server/src/main/resources/io/berth/server/http/console/console.css"   # the baseline's /asset
mkdir -p "$work"
# Every Berth run here says whether it has a class-data archive: none records one on its own (bin/class-data.sh),
# except in `recording`, which measures that.
export BERTH_CLASS_DATA=off

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# Waits, bounded (120 s), for 200 from $1; prints nothing, fails if pid $2 dies.
await_200() {
  local deadline=$(( $(now_ms) + 120000 ))
  until [ "$(curl -sk -o /dev/null -w '%{http_code}' --max-time 2 "$1" || true)" = 200 ]; do
    kill -0 "$2" 2>/dev/null || { echo "process $2 died" >&2; return 1; }
    [ "$(now_ms)" -lt "$deadline" ] || { echo "no 200 from $1 in 120 s" >&2; return 1; }
    sleep 0.02
  done
}

# stop_pid PID [SECONDS]: SIGTERM, then SIGKILL after SECONDS (default 30) if it is still there.
stop_pid() { kill -TERM "$1" 2>/dev/null || true; for _ in $(seq 1 $(( ${2:-30} * 10 ))); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done; kill -9 "$1" 2>/dev/null || true; }

home_for() { # name toml-extra [dist] -> a fresh home, started once so its key pair exists
  local home="$work/$1"
  rm -rf "$home"; cp -r "${3:-$dist}" "$home"; rm -f "$home/lib/berth.jsa" "$home/lib/berth.jsa.stamp"   # no class-data archive unless asked for
  printf '%s' "$2" >> "$home/conf/deployment.toml"
  JAVA_OPTS="$opts" "$home/bin/berth.sh" -DportOffset=$offset > "$home/warmup.out" 2>&1 &
  local pid=$!
  await_running "$(now_ms)" "$home" $pid > /dev/null || { echo "warm-up of $1 failed: $(tail -n 2 "$home/warmup.out")" >&2; exit 1; }
  stop_pid $pid
  echo "$home"
}

# The two baselines: bare Jetty 12 with a core handler (JettyHello, on Berth's jars) and with a servlet
# (JettyServletHello, on jetty-ee10-servlet's own jars, copied by Maven from bench/jetty/pom.xml).
jetty_setup() {
  mkdir -p "$work/jetty/classes" "$work/jetty/servlet-classes"
  javac -d "$work/jetty/classes" -cp "$dist/lib/*" "$repo/bench/jetty/JettyHello.java"
  # In a jar: a class-data archive refuses a class path with a non-empty directory on it.
  jar cf "$work/jetty/hello.jar" -C "$work/jetty/classes" .
  rm -rf "$work/jetty/servlet-lib"
  mvn -B -q -f "$repo/bench/jetty/pom.xml" dependency:copy-dependencies -DoutputDirectory="$work/jetty/servlet-lib" > "$work/jetty/mvn.out" 2>&1 \
    || { echo "cannot copy the servlet baseline's jars: $(tail -n 5 "$work/jetty/mvn.out")" >&2; exit 1; }
  javac -d "$work/jetty/servlet-classes" -cp "$work/jetty/servlet-lib/*" "$repo/bench/jetty/JettyServletHello.java"
  jar cf "$work/jetty/servlet-hello.jar" -C "$work/jetty/servlet-classes" .
  rm -f "$work/jetty/hello.p12"
  keytool -genkeypair -keystore "$work/jetty/hello.p12" -storetype PKCS12 -storepass benchpass -alias hello \
    -keyalg EC -dname CN=localhost -validity 30 > /dev/null 2>&1
}
# jetty_start [handler|servlet] [JVM options...]: the baseline's pid.
jetty_start() {
  local kind="${1:-handler}"; shift || true
  local java="${JAVA_FOR_BASELINE:-java}" cp main args=()
  case $kind in
    handler) cp="$dist/lib/*:$work/jetty/hello.jar"; main=JettyHello; args=("$console_css") ;;
    servlet) cp="$work/jetty/servlet-lib/*:$work/jetty/servlet-hello.jar"; main=JettyServletHello ;;
  esac
  # shellcheck disable=SC2086
  "$java" $opts "$@" -cp "$cp" "$main" $jetty_https $jetty_http "$work/jetty/hello.p12" benchpass "${args[@]}" > "$work/jetty/$kind.out" 2>&1 &
  echo $!
}

# A baseline's own AppCDS archive, made the way berth.sh cds makes Berth's: one recorded run with a request.
jetty_cds() {
  rm -f "$work/jetty/$1.jsa"
  local pid; pid=$(jetty_start "$1" "-XX:ArchiveClassesAtExit=$work/jetty/$1.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)
  await_200 "https://localhost:$jetty_https/console" "$pid"; stop_pid "$pid"
}

# Java 25's AOT cache (JEP 483/514) of the servlet baseline: one training run with a request.
jetty_aot() {
  rm -f "$work/jetty/servlet.aot"
  local pid; pid=$(JAVA_FOR_BASELINE="$java25/bin/java" jetty_start servlet "-XX:AOTCacheOutput=$work/jetty/servlet.aot")
  # A JDK 25 assembles the cache in a child JVM on the way out: give it time.
  await_200 "https://localhost:$jetty_https/console" "$pid"; stop_pid "$pid" 300
}

# Java 25's AOT cache of a Berth home ($1), trained as berth.sh cds trains: a start, a request each to the
# console and the API, then SIGTERM; the JVM writes the cache on its way out.
berth_aot() {
  local home="$work/$1" pid
  rm -f "$home/lib/berth.jsa" "$home/berth.aot"
  JAVA_HOME="$java25" JAVA_OPTS="$opts -XX:AOTCacheOutput=$home/berth.aot" "$home/bin/berth.sh" -DportOffset=$offset > "$home/aot.out" 2>&1 &
  pid=$!
  await_200 "https://localhost:$((9443 + offset))/console" "$pid"
  curl -sk -o /dev/null "https://localhost:$((9443 + offset))/api/ports" || true
  stop_pid "$pid" 300
  [ -s "$home/berth.aot" ] || { echo "no AOT cache for $1: $(tail -n 3 "$home/aot.out")" >&2; return 1; }
}

# Milliseconds from $1 (start, ms) until the runtime file of home $2 says running; pid $3.
await_running() {
  until grep -q '"state" : "running"' "$2/runtime/instance.json" 2>/dev/null; do
    kill -0 "$3" 2>/dev/null || { echo "process $3 died" >&2; return 1; }
    sleep 0.02
  done
  echo $(( $(now_ms) - $1 ))
}

load1() { cut -d' ' -f1 /proc/loadavg; }

startup() {
  local n="${1:-10}"
  echo "command: bench/bench.sh startup $n  (BENCH_JAVA_OPTS=\"$opts\" BENCH_JAVA25=${BENCH_JAVA25:-} BENCH_BEFORE_DIST=${BENCH_BEFORE_DIST:-})"
  echo "date: $(date -u '+%F %T UTC')  commit: $(git -C "$repo" rev-parse --short HEAD)  java: $(java -version 2>&1 | head -1)"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
  # BENCH_REUSE=1: the rounds only, on the baselines, homes, archives and caches the last run in $work made.
  if [ "${BENCH_REUSE:-}" != 1 ]; then
  jetty_setup
  jetty_cds handler
  jetty_cds servlet
  home_for default "" > /dev/null
  # servlet-only: product carbon, JMX off (a later key in TOML cannot redefine a table, so edit in place)
  home_for carbon "" > /dev/null
  sed -i 's/^product = .*/product = "carbon"/; s/^rmi_server_start = true/rmi_server_start = false/' "$work/carbon/conf/deployment.toml"
  # The same two homes again, with the class-data archive `berth.sh cds` makes.
  for what in default carbon; do
    rm -rf "$work/$what-cds"; cp -a "$work/$what" "$work/$what-cds"; rm -f "$work/$what-cds/lib/berth.jsa" "$work/$what-cds/lib/berth.jsa.stamp"
    "$work/$what-cds/bin/berth.sh" cds > "$work/$what-cds/cds.out" 2>&1 || { echo "cds of $what failed: $(cat "$work/$what-cds/cds.out")" >&2; exit 1; }
  done
  fi
  # servlet = the issue-18 baseline (ratios against it); jetty = the handler baseline of issue 7, for reference.
  # BENCH_CONFIGS: a subset of these to run, e.g. "servlet default-cds".
  local configs
  read -r -a configs <<< "${BENCH_CONFIGS:-servlet default carbon servlet-cds default-cds carbon-cds jetty jetty-cds}"
  # BENCH_JAVA25: a Java 25 JDK; adds the servlet baseline and the default home on it, each with its AOT cache.
  java25="${BENCH_JAVA25:-}"
  if [ -n "$java25" ] && [ "${BENCH_REUSE:-}" = 1 ]; then
    [ ! -s "$work/default-j25/berth.aot" ] || [ ! -s "$work/jetty/servlet.aot" ] || configs+=(servlet-j25aot default-j25aot)
  elif [ -n "$java25" ]; then
    rm -rf "$work/default-j25"; cp -a "$work/default" "$work/default-j25"
    # Not fatal: without the caches the Java 17 rows still stand.
    if jetty_aot && berth_aot default-j25; then
      configs+=(servlet-j25aot default-j25aot)
    else
      echo "the Java 25 AOT training failed; its rows are left out" >&2
    fi
  fi
  # BENCH_BEFORE_DIST: the home of an earlier build, measured in the same runs as "before" and "before-carbon".
  if [ -n "${BENCH_BEFORE_DIST:-}" ] && [ "${BENCH_REUSE:-}" = 1 ]; then
    configs+=(before before-carbon)
  elif [ -n "${BENCH_BEFORE_DIST:-}" ]; then
    home_for before "" "$BENCH_BEFORE_DIST" > /dev/null
    home_for before-carbon "" "$BENCH_BEFORE_DIST" > /dev/null
    sed -i 's/^product = .*/product = "carbon"/; s/^rmi_server_start = true/rmi_server_start = false/' "$work/before-carbon/conf/deployment.toml"
    configs+=(before before-carbon)
  fi
  : > "$work/startup.tsv"
  echo "config round ms-to-console-200 rss-kb ms-to-running load1"
  for i in $(seq 1 "$n"); do
    for what in "${configs[@]}"; do
      local t0 pid url ready running=-
      t0=$(now_ms)
      url="https://localhost:$jetty_https/console"
      case $what in
        jetty) pid=$(jetty_start handler) ;;
        jetty-cds) pid=$(jetty_start handler "-XX:SharedArchiveFile=$work/jetty/handler.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off) ;;
        servlet) pid=$(jetty_start servlet) ;;
        servlet-cds) pid=$(jetty_start servlet "-XX:SharedArchiveFile=$work/jetty/servlet.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off) ;;
        servlet-j25aot) pid=$(JAVA_FOR_BASELINE="$java25/bin/java" jetty_start servlet "-XX:AOTCache=$work/jetty/servlet.aot") ;;
        default-j25aot) # shellcheck disable=SC2086
          JAVA_HOME="$java25" JAVA_OPTS="$opts -XX:AOTCache=$work/default-j25/berth.aot" "$work/default-j25/bin/berth.sh" -DportOffset=$offset > "$work/default-j25/run.out" 2>&1 &
          pid=$!; url="https://localhost:$((9443 + offset))/console" ;;
        *) # shellcheck disable=SC2086
          JAVA_OPTS="$opts" "$work/$what/bin/berth.sh" -DportOffset=$offset > "$work/$what/run.out" 2>&1 &
          pid=$!; url="https://localhost:$((9443 + offset))/console" ;;
      esac
      await_200 "$url" "$pid"
      ready=$(( $(now_ms) - t0 ))
      # For Berth, also: until every service is up and the runtime file says running.
      case $what in jetty*|servlet*) ;; default-j25aot) running=$(await_running "$t0" "$work/default-j25" "$pid") ;;
        *) running=$(await_running "$t0" "$work/$what" "$pid") ;; esac
      sleep 1   # let start-up threads settle before reading RSS
      printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$what" "$i" "$ready" "$(rss_kb "$pid")" "$running" "$(load1)" | tee -a "$work/startup.tsv"
      stop_pid "$pid"
    done
  done
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); 1-min load during the rounds: median $(cut -f6 "$work/startup.tsv" | median), $(cut -f6 "$work/startup.tsv" | sort -n | head -1)-$(cut -f6 "$work/startup.tsv" | sort -n | tail -1)"
  echo "medians over $n alternating rounds (JAVA_OPTS=$opts). ratio = median of the per-round ratios to the servlet"
  echo "baseline (without / with its archive: servlet / servlet-cds) of the same round; spread = fastest-slowest"
  # ratio of config $1 to config $2, each round paired, median over rounds
  paired() { awk -v a="$1" -v b="$2" '$1==a {x[$2]=$3} $1==b {y[$2]=$3} END {for (r in x) if (r in y) print x[r] / y[r]}' "$work/startup.tsv" | median; }
  for what in "${configs[@]}"; do
    local ms rss all spread
    ms=$(awk -v w="$what" '$1==w{print $3}' "$work/startup.tsv" | median)
    spread=$(awk -v w="$what" '$1==w{print $3}' "$work/startup.tsv" | sort -n | awk 'NR==1{a=$1} {b=$1} END {print a "-" b}')
    rss=$(awk -v w="$what" '$1==w{print $4}' "$work/startup.tsv" | median)
    all=-; case $what in jetty*|servlet*) ;; *) all=$(awk -v w="$what" '$1==w {print $5}' "$work/startup.tsv" | median) ;; esac
    printf '%-15s console 200 %6s ms (%s)  vs servlet %.2fx  vs servlet-cds %.2fx  all up %6s ms  RSS %6.1f MiB (%.2fx servlet)\n' \
      "$what" "$ms" "$spread" "$(paired "$what" servlet)" "$(paired "$what" servlet-cds)" "$all" \
      "$(echo "$rss / 1024" | bc -l)" "$(echo "$rss / $(awk '$1=="servlet"{print $4}' "$work/startup.tsv" | median)" | bc -l)"
  done
}

# What keeping the archive current costs (bin/class-data.sh): in N alternating rounds, a home without an
# archive started with the recording on and with it off, each until the console answers, then SIGTERM until
# the process has exited (the recording run writes the archive on its way out), and the archive's size.
recording() {
  local n="${1:-3}"
  echo "command: bench/bench.sh recording $n  (BENCH_JAVA_OPTS=\"$opts\"); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  home_for recording "" > /dev/null
  : > "$work/recording.tsv"
  for i in $(seq 1 "$n"); do
    for mode in auto off; do
      rm -f "$work/recording/lib/berth.jsa" "$work/recording/lib/berth.jsa.stamp"
      local t0 pid ready stopped
      t0=$(now_ms)
      # shellcheck disable=SC2086
      BERTH_CLASS_DATA=$mode JAVA_OPTS="$opts" "$work/recording/bin/berth.sh" -DportOffset=$offset > "$work/recording/run.out" 2>&1 &
      pid=$!
      await_200 "https://localhost:$((9443 + offset))/console" "$pid"
      ready=$(( $(now_ms) - t0 ))
      curl -sk -o /dev/null "https://localhost:$((9443 + offset))/api/ports" || true
      t0=$(now_ms); stop_pid "$pid" 300; stopped=$(( $(now_ms) - t0 ))
      printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$mode" "$i" "$ready" "$stopped" "$(du -k "$work/recording/lib/berth.jsa" 2> /dev/null | cut -f1 || echo 0)" "$(load1)" \
        | tee -a "$work/recording.tsv"
    done
  done
  echo "mode: start to console 200 (median ms), SIGTERM to exit (median ms), archive KiB; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  for mode in auto off; do
    printf '%-5s start %6s ms  stop %6s ms  archive %s KiB\n' "$mode" "$(awk -v m=$mode '$1==m {print $3}' "$work/recording.tsv" | median)" \
      "$(awk -v m=$mode '$1==m {print $4}' "$work/recording.tsv" | median)" "$(awk -v m=$mode '$1==m {print $5}' "$work/recording.tsv" | median)"
  done
}

pss_kb() { awk '/^Pss:/ {print $2}' "/proc/$1/smaps_rollup"; }
pss_file_kb() { awk '/^Pss_File:/ {print $2}' "/proc/$1/smaps_rollup"; }

# N homes of one product started at once with -DportOffset=auto. Each home has its own bin/, conf/ and
# runtime/ but links lib/ to the packaged home's, as an install serves many bases: every JVM maps the same
# jars and class-data archive (made here once with bin/berth.sh cds when missing), so the kernel shares those
# pages. PSS (/proc/<pid>/smaps_rollup) divides each shared page among the processes mapping it, so the sum of
# PSS counts the archive once; RSS would count it N times.
density() {
  local n="${1:-40}" product="${2:-identity-server}" pids=() homes=()
  # Base ports moved to 30000..30500 so that auto's offsets 0..99 land outside every test's offset range.
  local toml="[server]
hostname = \"localhost\"
offset = \"auto\"
product = \"$product\"
[transport.https.properties]
port = 30000
[transport.http.properties]
port = 30100
[monitoring.jmx]
rmi_registry_port = 30200
rmi_server_port = 30300
"
  [ "$product" = identity-server ] && toml="$toml[kdc]
port = 30400
[entitlement.thrift]
port = 30500
"
  [ -f "$dist/lib/berth.jsa" ] || "$dist/bin/berth.sh" cds > /dev/null
  for i in $(seq 1 "$n"); do
    local home="$work/density-$i"; rm -rf "$home"; mkdir -p "$home/conf"
    # bin/ and conf/ of its own, lib/ shared
    cp -r "$dist/bin" "$home/bin"; cp -r "$dist/conf/." "$home/conf/"; ln -s "$dist/lib" "$home/lib"
    printf '%s' "$toml" > "$home/conf/deployment.toml"
    homes+=("$home")
  done
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); MemAvailable $(awk '/MemAvailable/ {print int($2/1024)}' /proc/meminfo) MiB"
  local t0; t0=$(now_ms)
  trap 'for p in "${pids[@]}"; do stop_pid "$p"; done' EXIT
  for home in "${homes[@]}"; do
    # shellcheck disable=SC2086
    JAVA_OPTS="$opts" "$home/bin/berth.sh" > "$home/run.out" 2>&1 &   # in the foreground: the pid is the JVM's
    pids+=($!)
  done
  local failed=0 ready=()
  for i in $(seq 0 $((n - 1))); do
    local home=${homes[$i]} deadline=$(( $(now_ms) + 600000 ))
    until grep -q '"state" : "running"' "$home/runtime/instance.json" 2>/dev/null; do
      if ! kill -0 "${pids[$i]}" 2>/dev/null || [ "$(now_ms)" -ge "$deadline" ]; then
        failed=$((failed + 1)); echo "instance $i FAILED: $(grep '^berth:' "$home/run.out" | tail -1)"; continue 2
      fi
      sleep 0.1
    done
    ready+=("$i")
    printf 'instance %3d ready after %6d ms\n' "$i" $(( $(now_ms) - t0 ))
  done
  echo "all $n launched at once; ready $((n - failed)), failed $failed; last ready after $(( $(now_ms) - t0 )) ms; load $(cut -d' ' -f1-3 /proc/loadavg)"
  sleep 5   # let the last ones finish their start-up work before memory is read
  local pss_total=0 rss_total=0 pss_file_total=0 pss_list=() offsets=()
  for i in "${ready[@]}"; do
    local pid=${pids[$i]} pss rss pssf
    pss=$(pss_kb "$pid"); rss=$(rss_kb "$pid"); pssf=$(pss_file_kb "$pid")
    pss_total=$((pss_total + pss)); rss_total=$((rss_total + rss)); pss_file_total=$((pss_file_total + pssf))
    pss_list+=("$pss")
    offsets+=("$(grep -o '"offset" : [0-9]*' "${homes[$i]}/runtime/instance.json" | head -1 | grep -o '[0-9]*$')")
  done
  local count=${#ready[@]}
  if [ "$count" -gt 0 ]; then
    printf 'PSS per instance: median %.1f MiB (min %.1f, max %.1f); of it file-backed (jars, archive) %.1f MiB on average\n' \
      "$(printf '%s\n' "${pss_list[@]}" | median | awk '{print $1/1024}')" \
      "$(printf '%s\n' "${pss_list[@]}" | sort -n | head -1 | awk '{print $1/1024}')" \
      "$(printf '%s\n' "${pss_list[@]}" | sort -n | tail -1 | awk '{print $1/1024}')" \
      "$(echo "$pss_file_total / $count / 1024" | bc -l)"
    printf 'total: PSS %.2f GiB for %d instances (RSS would say %.2f GiB, counting shared pages %d times)\n' \
      "$(echo "$pss_total / 1048576" | bc -l)" "$count" "$(echo "$rss_total / 1048576" | bc -l)" "$count"
  fi
  local duplicates
  duplicates=$(printf '%s\n' "${offsets[@]}" | sort -n | uniq -d | tr '\n' ' ')
  echo "distinct offsets: $(printf '%s\n' "${offsets[@]}" | sort -nu | wc -l) of $count; duplicates: ${duplicates:-none}"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do stop_pid "$pid"; done
  trap - EXIT
}

# wrk's summary for one target: "req/s p50 p90 p99" (latencies in ms).
wrk_line() {
  wrk -t2 -c8 -d"$2s" --latency "$1" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 } / 50%/ { p50 = ms($2) } / 90%/ { p90 = ms($2) } / 99%/ { p99 = ms($2) }
    /Non-2xx|Socket errors/ { print "ERRORS: " $0 > "/dev/stderr" }
    END { printf "%.0f %.2f %.2f %.2f\n", rps, p50, p90, p99 }'
}

throughput() {
  local secs="${1:-10}" rounds="${2:-3}"
  command -v wrk > /dev/null || { echo "wrk is not installed (apt-get install wrk)"; return 1; }
  # A server's steady state runs with the JIT's every tier: no TieredStopAtLevel here.
  local topts="${BENCH_THROUGHPUT_OPTS:--Xmx256m}"
  jetty_setup
  local home; home=$(home_for default "")
  # not local: the EXIT trap runs after this function has returned
  jetty=$(opts="$topts" jetty_start)
  # shellcheck disable=SC2086
  JAVA_OPTS="$topts" "$home/bin/berth.sh" -DportOffset=$offset > "$home/run.out" 2>&1 & berth=$!
  trap 'stop_pid "$berth"; stop_pid "$jetty"' EXIT
  await_200 "https://localhost:$jetty_https/console" "$jetty"
  await_200 "https://localhost:$((9443 + offset))/console" "$berth"
  : > "$work/throughput.tsv"
  # label, Berth's path, the baseline's path: the static asset against both "hello" and the same bytes.
  local comparisons=("/api/ports /api/ports /api/ports" "asset-vs-hello /console/console.css /console/console.css"
    "asset-vs-same-bytes /console/console.css /asset" "/console /console /console")
  for round in $(seq 1 "$rounds"); do
    for comparison in "${comparisons[@]}"; do
      read -r label berth_path jetty_path <<< "$comparison"
      for target in berth jetty; do   # alternating, so both see the same noise
        local port=$((9443 + offset)) path=$berth_path
        [ $target = jetty ] && port=$jetty_https && path=$jetty_path
        [ "$round" = 1 ] && wrk -t2 -c8 -d2s "https://localhost:$port$path" > /dev/null   # warm-up
        printf '%s\t%s\t%s\t%s\n' "$target" "$label" "$round" "$(wrk_line "https://localhost:$port$path" "$secs" | tr ' ' '\t')" \
          | tee -a "$work/throughput.tsv"
      done
    done
  done
  echo "median over $rounds rounds of wrk -t2 -c8 -d${secs}s (JAVA_OPTS=$topts): req/s, p50/p90/p99 ms"
  tsv_median() { awk -v t="$1" -v l="$2" -v c="$3" '$1==t && $2==l {print $c}' "$work/throughput.tsv" | median; }
  for comparison in "${comparisons[@]}"; do
    read -r label _ <<< "$comparison"
    local b j
    b=$(tsv_median berth "$label" 4); j=$(tsv_median jetty "$label" 4)
    # Each round's pair ran back to back under the same load: the median of their ratios is the steadier figure.
    local paired
    paired=$(awk -v l="$label" '$2==l {r[$3]=r[$3] " " $1 "=" $4} END {for (k in r) {split(r[k], a, /[ =]/); b=0; j=0;
      for (i in a) {if (a[i]=="berth") b=a[i+1]; if (a[i]=="jetty") j=a[i+1]} if (j > 0) print b / j}}' "$work/throughput.tsv" | median)
    printf '%-20s berth %7.0f  jetty %7.0f  ratio %.2fx (median of rounds %.2fx)  | berth p50/p90/p99 %s/%s/%s  jetty %s/%s/%s\n' \
      "$label" "$b" "$j" "$(echo "$b / $j" | bc -l)" "$paired" "$(tsv_median berth "$label" 5)" "$(tsv_median berth "$label" 6)" "$(tsv_median berth "$label" 7)" \
      "$(tsv_median jetty "$label" 5)" "$(tsv_median jetty "$label" 6)" "$(tsv_median jetty "$label" 7)"
  done
}

# h2load's summary as "req/s mean-ms": its "finished in ..., N req/s" and the mean of "time for request".
h2load_line() { # args...
  h2load "$@" | awk '/^finished in/ {rps=$4} /^time for request:/ {t=$6}
    END {m=t+0; if (t ~ /us$/) m/=1000; else if (t ~ /[^m]s$/) m*=1000; print rps, m}'
}

# HTTP/2 against HTTP/1.1 on one Berth, the default configuration (http2 on both transports). Each client
# opens 8 connections on 2 threads; HTTP/1.1 sends one request per connection at a time, as browsers do;
# h2 once with one stream per connection at a time (the same concurrency) and once with 10 multiplexed.
http2() {
  local n=${1:-50000} rounds=${2:-3}
  local home; home=$(home_for http2 "")
  JAVA_OPTS="$opts" "$home/bin/berth.sh" -DportOffset=$offset > "$home/run.out" 2>&1 &
  local pid=$!
  await_running "$(now_ms)" "$home" $pid > /dev/null
  local https="https://127.0.0.1:$((9443 + offset))/api/ports" http="http://127.0.0.1:$((9763 + offset))/api/ports"
  h2load -n 2000 -c 8 -t 2 -m 10 "$https" > /dev/null   # warm-up
  : > "$work/http2.tsv"
  for round in $(seq 1 "$rounds"); do
    printf 'h2-tls-m10\t%s\t%s\n' "$round" "$(h2load_line -n "$n" -c 8 -t 2 -m 10 "$https")" | tee -a "$work/http2.tsv"
    printf 'h2-tls-m1\t%s\t%s\n' "$round" "$(h2load_line -n "$n" -c 8 -t 2 -m 1 "$https")" | tee -a "$work/http2.tsv"
    printf 'h1-tls\t%s\t%s\n' "$round" "$(h2load_line --h1 -n "$n" -c 8 -t 2 -m 1 "$https")" | tee -a "$work/http2.tsv"
    printf 'h2c-m10\t%s\t%s\n' "$round" "$(h2load_line -n "$n" -c 8 -t 2 -m 10 "$http")" | tee -a "$work/http2.tsv"
    printf 'h2c-m1\t%s\t%s\n' "$round" "$(h2load_line -n "$n" -c 8 -t 2 -m 1 "$http")" | tee -a "$work/http2.tsv"
    printf 'h1-clear\t%s\t%s\n' "$round" "$(h2load_line --h1 -n "$n" -c 8 -t 2 -m 1 "$http")" | tee -a "$work/http2.tsv"
  done
  stop_pid $pid
  for label in h2-tls-m10 h2-tls-m1 h1-tls h2c-m10 h2c-m1 h1-clear; do
    printf '%-11s median req/s %8.0f  mean %s ms\n' "$label" \
      "$(awk -v l=$label '$1==l {print $3}' "$work/http2.tsv" | median)" "$(awk -v l=$label '$1==l {print $4}' "$work/http2.tsv" | median)"
  done
}

"${1:-startup}" "${@:2}"
