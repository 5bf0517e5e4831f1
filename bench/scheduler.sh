#!/usr/bin/env bash
#
# bench/scheduler.sh -- scheduler (seed 000, SPEC §10.3, issue 13), in one run:
#   1. creates per second: BENCH_JOBS (10,000) jobs through POST /v1.0/schedulers from BENCH_CLIENTS (16) clients
#      (due a month later: they do not fire during the run).
#   2. BENCH_DUE (1,000) one-shot jobs due within the same BENCH_WINDOW (10) s, each one http step GET /health (a
#      cheap route): fire lateness (the run's start minus its scheduled time, as the job records it) p50 and p99, and
#      how many jobs fired exactly once.
#   3. the floor: plain Quartz 2.5.1 with the same kind of job store (JobStoreTX, clustered, StdJDBCDelegate, Derby
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
for gav in org.quartz-scheduler:quartz:2.5.1 org.apache.derby:derby:10.14.2.0 com.zaxxer:HikariCP:4.0.3 \
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
for run in $(seq 1 "$RUNS"); do
    say "run $run: $JOBS creates"
    bench creates "$BASE" "$TOKEN" "$JOBS" "$CLIENTS"
    say "run $run: $DUE jobs due within $WINDOW s (lead $LEAD s)"
    bench due "$BASE" "$TOKEN" "$DUE" "$WINDOW" "$LEAD"
    say "run $run: the floor, plain Quartz with Armada's settings (a batch of $THREADS triggers per acquisition)"
    mkdir -p "$WORK/floor$run" "$WORK/plain$run"
    bench floor "$BASE" "$DUE" "$WINDOW" "$LEAD" "$THREADS" "$THREADS" $(( JOBS * run )) "$WORK/floor$run"
    say "run $run: plain Quartz with its defaults (one trigger per acquisition), for reference"
    bench floor "$BASE" "$DUE" "$WINDOW" "$LEAD" "$THREADS" 1 $(( JOBS * run )) "$WORK/plain$run"
done
