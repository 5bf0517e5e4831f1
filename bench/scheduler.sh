#!/usr/bin/env bash
#
# bench/scheduler.sh -- scheduler (seed 000, SPEC §10.3, issue 13), in one run:
#   1. creates per second: BENCH_JOBS (10,000) jobs through POST /v1.0/schedulers from BENCH_CLIENTS (16) clients
#      (due a month later: they do not fire during the run).
#   2. BENCH_DUE (1,000) one-shot jobs due within the same BENCH_WINDOW (10) s, each one http step GET /health (a
#      cheap route): fire lateness (the run's start minus its scheduled time, as the job records it) p50 and p99, and
#      how many jobs fired exactly once.
#   3. the floor: plain Quartz (the version Armada ships) with the same kind of job store (JobStoreTX, clustered, StdJDBCDelegate, Derby
#      embedded, HikariCP 16), the same thread count (10) and the same trigger batch (10 a acquisition), in a small
#      harness (bench/scheduler/SchedulerBench.java), the same 1,000 one-shot fires each doing GET /health on the same
#      server, after as many far-off jobs as Armada holds by then (the same table sizes): lateness p50 and p99. Then the
#      same with Quartz's default batch of 1, for reference.
#   Target (issue 13): Armada's p99 lateness at most 1.5x Quartz's and under 1 s; every job fired exactly once.
#
# Runs the archive from karaf-distribution/target (built with `mvn package -DskipTests` when missing) on loopback, on
# free ports, with its own data folder and etc/io.armada.scheduler.cfg min.lead.seconds = 0 (jobs due within
# seconds), and stops it at the end. Needs java and the harness's jars in ~/.m2 (fetched with mvn dependency:get
# when missing). Every figure is taken BENCH_RUNS times (1 by default: one run takes minutes) and each is printed.
#
#   bench/scheduler.sh                   # full run
#   BENCH_QUICK=1 bench/scheduler.sh     # smoke run: 500 creates, 100 due jobs
#
# Settings (environment): BENCH_RUNS (1), BENCH_JOBS, BENCH_DUE, BENCH_WINDOW, BENCH_LEAD (seconds from the end of
# the creates to the first due time: 30), BENCH_CLIENTS, BENCH_KEEP=1.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
if [ "${BENCH_QUICK:-0}" = 1 ]; then
    JOBS=${BENCH_JOBS:-500}; DUE=${BENCH_DUE:-100}
else
    JOBS=${BENCH_JOBS:-10000}; DUE=${BENCH_DUE:-1000}
fi
RUNS=${BENCH_RUNS:-1}
WINDOW=${BENCH_WINDOW:-10}
LEAD=${BENCH_LEAD:-30}
CLIENTS=${BENCH_CLIENTS:-16}
THREADS=10
TOKEN="bench-scheduler-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

command -v java >/dev/null 2>&1 || { say "java is needed"; exit 1; }
command -v curl >/dev/null 2>&1 || { say "curl is needed"; exit 1; }

M2=${MAVEN_REPO:-$HOME/.m2/repository}
CP=""
QUARTZ=$(sed -n 's:.*<quartz.version>\(.*\)</quartz.version>.*:\1:p' "$ROOT/pom.xml" | head -1)
for gav in org.quartz-scheduler:quartz:${QUARTZ:-2.5.2} org.apache.derby:derby:10.14.2.0 com.zaxxer:HikariCP:4.0.3 \
        org.slf4j:slf4j-api:1.7.36 org.slf4j:slf4j-nop:1.7.36; do
    IFS=: read -r g a v <<<"$gav"
    jar="$M2/${g//.//}/$a/$v/$a-$v.jar"
    if [ ! -f "$jar" ]; then
        say "fetching $gav"
        mvn -B -q -ntp dependency:get -Dartifact="$gav" -Dtransitive=false >/dev/null
    fi
    CP="$CP${CP:+:}$jar"
done
armada_archive

WORK=$(mktemp -d "${TMPDIR:-/tmp}/armada-bench-scheduler.XXXXXX")
# compiled, not run as a source file: Quartz's JDBC store loads the floor's job class by name, which the source
# launcher's in-memory class loader does not offer to Quartz's class-load helpers
mkdir -p "$WORK/classes"
javac -d "$WORK/classes" -cp "$CP" "$ROOT/bench/scheduler/SchedulerBench.java"
bench() { java -cp "$CP:$WORK/classes" SchedulerBench "$@"; }
HOME_DIR=""
cleanup() {
    stop_instance "$HOME_DIR"
    [ "${BENCH_KEEP:-0}" = 1 ] && say "kept $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT

unpack_instance "$WORK"
echo "min.lead.seconds = 0" > "$HOME_DIR/etc/io.armada.scheduler.cfg"
start_instance "$WORK" "$TOKEN" /v1.0/schedulers

echo "scheduler bench: $JOBS creates from $CLIENTS clients; $DUE one-shot jobs due within $WINDOW s; $THREADS threads"
OUT="$WORK/lines"
for run in $(seq 1 "$RUNS"); do
    say "run $run: $JOBS creates"
    bench creates "$BASE" "$TOKEN" "$JOBS" "$CLIENTS" | tee -a "$OUT"
    say "run $run: $DUE jobs due within $WINDOW s (lead $LEAD s)"
    bench due "$BASE" "$TOKEN" "$DUE" "$WINDOW" "$LEAD" | tee -a "$OUT"
    say "run $run: the floor, plain Quartz with Armada's settings (a batch of $THREADS triggers per acquisition)"
    mkdir -p "$WORK/floor$run" "$WORK/plain$run"
    bench floor "$BASE" "$DUE" "$WINDOW" "$LEAD" "$THREADS" "$THREADS" $(( JOBS * run )) "$WORK/floor$run" | tee -a "$OUT"
    say "run $run: plain Quartz with its defaults (one trigger per acquisition), for reference"
    bench floor "$BASE" "$DUE" "$WINDOW" "$LEAD" "$THREADS" 1 $(( JOBS * run )) "$WORK/plain$run" | tee -a "$OUT"
done

# medians over the runs; each run's own lines are above
pick() { grep -F "$1" "$OUT" | sed -n "s/.*$2 \([0-9.]*\).*/\1/p" | median; }
CREATES=$(grep -F 'creates/s' "$OUT" | sed -n 's/.*: \([0-9]*\) creates\/s.*/\1/p' | median)
A50=$(pick 'armada lateness' p50); A99=$(pick 'armada lateness' p99)
F50=$(pick "quartz (batch $THREADS) lateness" p50); F99=$(pick "quartz (batch $THREADS) lateness" p99)
Q50=$(pick 'quartz (batch 1) lateness' p50); Q99=$(pick 'quartz (batch 1) lateness' p99)
ONCE=$(grep -F 'armada fired exactly once' "$OUT" | sed -n 's/.*once: \([0-9]*\) of \([0-9]*\).*/\1\/\2/p' | paste -sd' ')
echo
echo "== medians of $RUNS run(s)"
printf '%-52s %10s   %s\n' "figure" "armada" "floor / target"
printf '%-52s %10s   %s\n' "creates/s ($JOBS through the API, $CLIENTS clients)" "$CREATES" "-"
printf '%-52s %10s   %s\n' "fire lateness p50 ms ($DUE due within $WINDOW s)" "$A50" "quartz batch $THREADS: $F50 (defaults: $Q50)"
printf '%-52s %10s   %s\n' "fire lateness p99 ms" "$A99" "quartz batch $THREADS: $F99 (defaults: $Q99); target <= 1.5x and < 1000"
printf '%-52s %10s   %s\n' "fired exactly once, per run" "$ONCE" "all"
if [ "$A99" != n/a ] && [ "$F99" != n/a ]; then
    awk -v a="$A99" -v f="$F99" 'BEGIN { r = (f > 0) ? a / f : 0; printf "p99 ratio armada / quartz: %.2f (%s)\n", r, (r <= 1.5 && a < 1000) ? "target met" : "target MISSED" }'
fi
