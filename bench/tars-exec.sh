#!/usr/bin/env bash
#
# bench/tars-exec.sh -- tars servers part 2 (seed 002, issue 16):
#   1. statistics ingestion: report_stat batches of 500 records from BENCH_CLIENTS (20) clients for BENCH_SECONDS;
#      records per second (floor from the issue: at least 50,000), and the stored sums checked against what was sent;
#   2. p50/p99 of tarsstat_monitor_data over one day of slots (288 slots x 10 interfaces) for one server, after a 5 s
#      warm-up, from BENCH_QUERY_CLIENTS (1: one caller's latency; more measures queueing) (floor: p99 < 100 ms);
#   3. a patch_tars task then a restart task over BENCH_NODES (3) real node instances on loopback, one service
#      (Bench.Echo1..3) on each: seconds until both ended. Each node runs in a UTS namespace of its own (its own host
#      name: the server makes one agent per host name) and reports the address 127.0.0.(1+i) (the monitor's report.ip;
#      tars finds a node by its address), which reaches it since a node listens on every local address.
# Every figure is taken BENCH_RUNS (3) times and the median printed. Runs the archive from karaf-distribution/target
# (built with `mvn package -DskipTests` when missing) on loopback, on free ports, with its own data folders.
#
#   bench/tars-exec.sh                    # full run
#   BENCH_QUICK=1 bench/tars-exec.sh      # smoke run: 1 run of 3 s each
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
if [ "${BENCH_QUICK:-0}" = 1 ]; then
    SECONDS_Q=${BENCH_SECONDS:-3}; RUNS=${BENCH_RUNS:-1}
else
    SECONDS_Q=${BENCH_SECONDS:-15}; RUNS=${BENCH_RUNS:-3}
fi
CLIENTS=${BENCH_CLIENTS:-20}
QUERY_CLIENTS=${BENCH_QUERY_CLIENTS:-1}
NODES=${BENCH_NODES:-3}
TOKEN="bench-tars-exec-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
command -v java >/dev/null 2>&1 || { say "java 17 is needed"; exit 1; }
command -v curl >/dev/null 2>&1 || need_apt curl
command -v unshare >/dev/null 2>&1 || need_apt util-linux
armada_archive

WORK=$(mktemp -d "${TMPDIR:-/tmp}/armada-bench-tars-exec.XXXXXX")
HOME_DIR=""
NODE_HOMES=()
cleanup() {
    for nh in "${NODE_HOMES[@]}"; do stop_instance "$nh"; done
    stop_instance "$SERVER_HOME"
    [ "${BENCH_KEEP:-0}" = 1 ] && say "kept $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT

SERVER_HOME=""
mkdir -p "$WORK/server"
start_instance "$WORK/server" "$TOKEN" /api/server_type_list /v1.0/agents
SERVER_HOME=$HOME_DIR
SERVER_BASE=$BASE
BENCH="$ROOT/bench/tars/TarsExecBench.java"

: > "$WORK/stats.txt"
: > "$WORK/query.txt"
for run in $(seq 1 "$RUNS"); do
    java "$BENCH" stats "$SERVER_BASE" "$TOKEN" "$CLIENTS" "$SECONDS_Q" "$run" | tee -a "$WORK/stats.txt" >&2
    java "$BENCH" query "$SERVER_BASE" "$TOKEN" "$QUERY_CLIENTS" "$SECONDS_Q" | tee -a "$WORK/query.txt" >&2
done
RATE=$(sed -n 's/^STATS .* rate=\([0-9.]*\).*/\1/p' "$WORK/stats.txt" | median)
CHECKS=$(grep -c 'ok=true' "$WORK/stats.txt" || true)
P50=$(sed -n 's/^QUERY .* p50=\([0-9.]*\).*/\1/p' "$WORK/query.txt" | median)
P99=$(sed -n 's/^QUERY .* p99=\([0-9.]*\).*/\1/p' "$WORK/query.txt" | median)

# real nodes reporting to the server, each installed as a tars node
UTS="--uts"; [ "$(id -u)" = 0 ] || UTS="-Ur --uts"
IPS=""
for i in $(seq 1 "$NODES"); do
    HOME_DIR=""
    mkdir -p "$WORK/node$i"
    unpack_instance "$WORK/node$i"
    NODE_HOMES+=("$HOME_DIR")
    ip="127.0.0.$(( i + 1 ))"
    IPS="$IPS${IPS:+,}$ip"
    sed -i "s/^report\.ip *=.*/report.ip = $ip/" "$HOME_DIR/etc/io.armada.monitor.cfg"
    grep -q "^report.ip = $ip" "$HOME_DIR/etc/io.armada.monitor.cfg" || echo "report.ip = $ip" >> "$HOME_DIR/etc/io.armada.monitor.cfg"
    np=$(free_port); ns=$(free_port)
    (cd "$HOME_DIR" && ARMADA_ROLE=node ARMADA_HTTP_PORT=$np ARMADA_SSH_PORT=$ns ARMADA_TOKEN=$TOKEN \
        ARMADA_SERVER_URL=$SERVER_BASE ARMADA_DATA="$WORK/node$i/data" \
        unshare $UTS sh -c "hostname bench-tars-node$i && exec bin/start")
done
for i in $(seq 1 "$NODES"); do
    AGENT=""
    for _ in $(seq 1 180); do
        AGENT=$(curl -s -H "X-Armada-Token: $TOKEN" "$SERVER_BASE/v1.0/agents" | tr '{' '\n' \
            | { grep "\"host\":\"bench-tars-node$i\"" || true; } | sed -n 's/.*"agent_id":\([0-9]*\).*/\1/p' | head -n 1)
        [ -n "$AGENT" ] && break
        sleep 1
    done
    [ -n "$AGENT" ] || { say "node $i did not report in 180 s"; exit 1; }
    curl -s -H "X-Armada-Token: $TOKEN" "$SERVER_BASE/v1.0/agents/$AGENT" | grep -q "\"ip\":\"127.0.0.$(( i + 1 ))\"" \
        || { say "node $i does not report its report.ip"; exit 1; }
    curl -s -o /dev/null -X PATCH -H "X-Armada-Token: $TOKEN" -H 'Content-Type: application/json' \
        -d '{"status":1}' "$SERVER_BASE/v1.0/agents/$AGENT/active"
done
curl -s -H "X-Armada-Token: $TOKEN" "$SERVER_BASE/api/install_tars_node?ips=$IPS" | grep -q '"rst":true' \
    || { say "install_tars_node $IPS failed"; exit 1; }

PKG_DIR="$WORK/pkg"
mkdir -p "$PKG_DIR/bin"
printf '#!/bin/sh\nnohup sleep 1000 >/dev/null 2>&1 &\necho started\n' > "$PKG_DIR/bin/start.sh"
printf '#!/bin/sh\necho stopping\n' > "$PKG_DIR/bin/stop.sh"
chmod +x "$PKG_DIR"/bin/*.sh
tar -czf "$WORK/pkg.tgz" -C "$PKG_DIR" .
: > "$WORK/task.txt"
for run in $(seq 1 "$RUNS"); do
    java "$BENCH" task "$SERVER_BASE" "$TOKEN" "$IPS" "$WORK/pkg.tgz" "$NODES" | tee -a "$WORK/task.txt" >&2
done
TASK=$(sed -n 's/^TASK .* seconds=\([0-9.]*\).*/\1/p' "$WORK/task.txt" | median)

echo
echo "tars part 2, $CLIENTS clients, medians of $RUNS runs"
printf '%-34s %12s   %s\n' "report_stat records/s (500/batch)" "$RATE" \
    "$(awk -v v="$RATE" 'BEGIN { print (v >= 50000) ? "meets 50,000" : "MISSES 50,000" }'); sums checked: $CHECKS of $RUNS ok"
printf '%-34s %12s   p99 %s ms (%s client(s)): %s\n' "tarsstat_monitor_data p50 ms" "$P50" "$P99" "$QUERY_CLIENTS" \
    "$(awk -v v="$P99" 'BEGIN { print (v < 100) ? "meets < 100 ms" : "MISSES < 100 ms" }')"
printf '%-34s %12s   (one service on each of %s loopback nodes)\n' "patch_tars + restart seconds" "$TASK" "$NODES"
