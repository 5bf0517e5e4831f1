#!/usr/bin/env bash
#
# bench/tars.sh -- tars servers (seed 002, issue 15):
#   1. deploy_server calls per second from 20 clients, storing BENCH_SERVERS (10,000) servers on BENCH_NODES (100)
#      tars nodes (Armada nodes' reports posted by the client, agents activated, nodes installed);
#   2. then BENCH_FILE_ROUNDS rounds of one server-level config file per server (each also makes its node file: two
#      rows a call; 3 rounds of 10,000 servers store 60,000 rows, over the issue's 50,000);
#   3. p50/p99 of server_list (one tree node, a page of 20), merged_node_config and adapter_conf_list under 20
#      concurrent clients, each for BENCH_SECONDS; floor from the issue: p99 under 50 ms each on embedded Derby.
# Every query figure is taken BENCH_RUNS times and the median printed. Runs the archive from karaf-distribution/target
# (built with `mvn package -DskipTests` when missing) on loopback, on free ports, with its own data folder.
#
#   bench/tars.sh                    # full run
#   BENCH_QUICK=1 bench/tars.sh      # smoke run: 1,000 servers on 20 nodes, short queries
#
# Settings (environment): BENCH_NODES, BENCH_SERVERS, BENCH_FILE_ROUNDS (rounds of one config file per server, two
# rows each: 3 rounds of 10,000 servers store 60,000 rows, over the issue's 50,000), BENCH_CLIENTS (20),
# BENCH_SECONDS (15), BENCH_RUNS (3), BENCH_KEEP=1 keeps the work folder.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
if [ "${BENCH_QUICK:-0}" = 1 ]; then
    NODES=${BENCH_NODES:-20}; SERVERS=${BENCH_SERVERS:-1000}; SECONDS_Q=${BENCH_SECONDS:-4}; RUNS=${BENCH_RUNS:-1}
    ROUNDS=${BENCH_FILE_ROUNDS:-1}
else
    NODES=${BENCH_NODES:-100}; SERVERS=${BENCH_SERVERS:-10000}; SECONDS_Q=${BENCH_SECONDS:-15}; RUNS=${BENCH_RUNS:-3}
    ROUNDS=${BENCH_FILE_ROUNDS:-3}
fi
CLIENTS=${BENCH_CLIENTS:-20}
TOKEN="bench-tars-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
command -v java >/dev/null 2>&1 || { say "java 17 is needed"; exit 1; }
command -v curl >/dev/null 2>&1 || need_apt curl
armada_archive

WORK=$(mktemp -d "${TMPDIR:-/tmp}/armada-bench-tars.XXXXXX")
HOME_DIR=""
cleanup() {
    stop_instance "$HOME_DIR"
    [ "${BENCH_KEEP:-0}" = 1 ] && say "kept $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT

start_instance "$WORK" "$TOKEN" /api/server_type_list /v1.0/agents

BENCH="$ROOT/bench/tars/TarsBench.java"
say "seeding: $NODES nodes, $SERVERS servers from $CLIENTS clients, $ROUNDS round(s) of config files"
java "$BENCH" seed "$BASE" "$TOKEN" "$NODES" "$SERVERS" "$CLIENTS" "$ROUNDS" | tee "$WORK/seed.txt"
DEPLOY_RATE=$(sed -n 's/^DEPLOY .* rate=\([0-9.]*\).*/\1/p' "$WORK/seed.txt")
CONFIG_ROWS=$(sed -n 's/^CONFIG rows=\([0-9]*\).*/\1/p' "$WORK/seed.txt")

declare -A P50 P99 RATE
for route in server_list merged_node_config adapter_conf_list; do
    : > "$WORK/$route.txt"
    for run in $(seq 1 "$RUNS"); do
        java "$BENCH" query "$BASE" "$TOKEN" "$CLIENTS" "$SECONDS_Q" "$route" "$SERVERS" | tee -a "$WORK/$route.txt" >&2
    done
    P50[$route]=$(sed -n 's/.* p50=\([0-9.]*\).*/\1/p' "$WORK/$route.txt" | median)
    P99[$route]=$(sed -n 's/.* p99=\([0-9.]*\).*/\1/p' "$WORK/$route.txt" | median)
    RATE[$route]=$(sed -n 's/.* rate=\([0-9.]*\).*/\1/p' "$WORK/$route.txt" | median)
    if grep -q 'errors=[1-9]' "$WORK/$route.txt"; then say "$route: some answers were errors"; fi
done

echo
echo "tars servers, $SERVERS servers on $NODES nodes, $CONFIG_ROWS config rows, $CLIENTS clients (medians of $RUNS runs)"
printf '%-22s %10s %10s %10s   %s\n' "figure" "p50 ms" "p99 ms" "req/s" "floor: p99 < 50 ms"
for route in server_list merged_node_config adapter_conf_list; do
    verdict=$(awk -v v="${P99[$route]}" 'BEGIN { print (v < 50) ? "meets" : "MISSES" }')
    printf '%-22s %10s %10s %10s   %s\n' "$route" "${P50[$route]}" "${P99[$route]}" "${RATE[$route]}" "$verdict"
done
printf '%-22s %10s deploys/s (20 clients, one adapter each)\n' "deploy_server" "$DEPLOY_RATE"
