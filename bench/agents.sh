#!/usr/bin/env bash
# Agents and ports benchmark (issue 4). Prints medians beside the floors the issue names:
#   1. node reports ingested per second on embedded Derby: 10,000 distinct nodes, resource and service bodies as
#      armada-monitor posts them; first each node's first report (creates its agent; AgentsBench.java create),
#      then the steady state for 60 s (wrk + bench/agents/reports.lua)                                                         floor: >= 2,000 reports/s
#   2. a status fan-out to 1,000 simulated nodes (bench/agents/AgentsBench.java: 20 local listeners; 5% never
#      answer, 15% answer late): finishes at its deadline with every answer recorded, and the server JVM's thread
#      count sampled every 100 ms during it                                          floor: < 50 threads
#   3. 10,000 "any free port" allocations from 20 concurrent clients on 10 agents: allocations per second and
#      duplicates                                                                    floor: 0 duplicates
#
# Usage: bench/agents.sh            (3 repetitions, full durations)
#        BENCH_QUICK=1 bench/agents.sh   (1 repetition, short: a smoke run)
# Settings: BENCH_REPEAT, BENCH_NODES, BENCH_SECONDS, BENCH_FANOUT_NODES, BENCH_ALLOCATIONS, WRK_THREADS,
#           WRK_CONNECTIONS, MVN_ARGS (extra Maven arguments if the archive must be built).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
HERE="$ROOT/bench/agents"
OUT="$ROOT/bench/out/agents"
QUICK=${BENCH_QUICK:-0}
if [ "$QUICK" = 1 ]; then
    REPEAT=${BENCH_REPEAT:-1}; NODES=${BENCH_NODES:-2000}; SECONDS_SUSTAINED=${BENCH_SECONDS:-10}
    FANOUT_NODES=${BENCH_FANOUT_NODES:-1000}; ALLOCATIONS=${BENCH_ALLOCATIONS:-2000}
else
    REPEAT=${BENCH_REPEAT:-3}; NODES=${BENCH_NODES:-10000}; SECONDS_SUSTAINED=${BENCH_SECONDS:-60}
    FANOUT_NODES=${BENCH_FANOUT_NODES:-1000}; ALLOCATIONS=${BENCH_ALLOCATIONS:-10000}
fi
WRK_THREADS=${WRK_THREADS:-1}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-32}
TOKEN=bench-agents-token-0123456789abcdef

command -v java >/dev/null || { echo "java 17 is needed" >&2; exit 1; }
if ! command -v wrk >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get install -y wrk >/dev/null
    else
        echo "wrk is needed (apt-get install wrk)" >&2; exit 1
    fi
fi
ARCHIVE=$(ls "$ROOT"/karaf-distribution/target/armada-*.tar.gz 2>/dev/null | head -n 1 || true)
if [ -z "$ARCHIVE" ]; then
    (cd "$ROOT" && mvn -B -ntp -q ${MVN_ARGS:-} package -DskipTests)
    ARCHIVE=$(ls "$ROOT"/karaf-distribution/target/armada-*.tar.gz | head -n 1)
fi

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
        || echo $((20000 + RANDOM % 20000))
}
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "n/a"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

rm -rf "$OUT"; mkdir -p "$OUT"
tar xzf "$ARCHIVE" -C "$OUT"
HOME_DIR=$(ls -d "$OUT"/armada-*/ | head -n 1); HOME_DIR=${HOME_DIR%/}
HTTP_PORT=$(free_port); SSH_PORT=$(free_port)
BASE="http://127.0.0.1:$HTTP_PORT"
stop_server() {
    ARMADA_TOKEN=$TOKEN "$HOME_DIR/bin/stop" >/dev/null 2>&1 || true
    for _ in $(seq 1 30); do pgrep -f "$HOME_DIR.*karaf.main.Main" >/dev/null || return 0; sleep 1; done
    pkill -9 -f "$HOME_DIR.*karaf.main.Main" || true
}
trap stop_server EXIT
echo "server: $HOME_DIR on $BASE"
ARMADA_HTTP_PORT=$HTTP_PORT ARMADA_SSH_PORT=$SSH_PORT ARMADA_TOKEN=$TOKEN "$HOME_DIR/bin/start"
for _ in $(seq 1 120); do
    if curl -s "$BASE/health" | grep -q '"ports"' && curl -s "$BASE/health" | grep -q '"agents"'; then break; fi
    sleep 1
done
curl -s "$BASE/health" | grep -q '"agents"' || { echo "the server did not come up" >&2; exit 1; }
PID=$(pgrep -f "$HOME_DIR.*karaf.main.Main" | head -n 1)
echo "server pid $PID; threads after start: $(awk '/^Threads:/ {print $2}' /proc/$PID/status)"

wrk_rate() { awk '/^Requests\/sec:/ {print $2}' "$1"; }
wrk_bad() { local n; n=$(awk '/Non-2xx/ {print $5}' "$1" | head -n 1); echo "${n:-0}"; }

# ---------------------------------------------------------------- 1. reports
echo "== 1. node reports: $NODES nodes"
# the first report of each node (agent rows created), with an exact count (wrk cannot stop early)
CREATE_LINE=$(java "$HERE/AgentsBench.java" create "$BASE" "$TOKEN" "$NODES" "$WRK_CONNECTIONS" | grep '^CREATE')
CREATE_RATE=$(sed 's/.* rate=\([0-9.]*\).*/\1/' <<<"$CREATE_LINE")
AGENTS=$(curl -s -H "X-Armada-Token: $TOKEN" "$BASE/v1.0/allagents" | grep -o '"total":[0-9]*' | cut -d: -f2)
echo "   $CREATE_LINE; live agents now: $AGENTS"
# warm-up (JIT), not measured
wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d5s -s "$HERE/reports.lua" "$BASE" -- refresh "$NODES" "$WRK_THREADS" "$TOKEN" \
    > "$OUT/reports-warmup.txt"
RATES=()
for r in $(seq 1 "$REPEAT"); do
    wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${SECONDS_SUSTAINED}s" --latency -s "$HERE/reports.lua" "$BASE" \
        -- refresh "$NODES" "$WRK_THREADS" "$TOKEN" > "$OUT/reports-$r.txt"
    rate=$(wrk_rate "$OUT/reports-$r.txt"); RATES+=("$rate")
    echo "   run $r: ${rate} reports/s for ${SECONDS_SUSTAINED} s, p99 $(awk '/ 99%/ {print $2}' "$OUT/reports-$r.txt"), non-2xx: $(wrk_bad "$OUT/reports-$r.txt")"
done
REPORTS_MEDIAN=$(printf '%s\n' "${RATES[@]}" | median)
ONLINE=$(curl -s -H "X-Armada-Token: $TOKEN" -H 'Content-Type: application/json' -X GET "$BASE/v1.0/agents" \
    -d '{"agent_type":"node"}' | grep -o '"total":[0-9]*' | cut -d: -f2)
echo "   agents of type node: $ONLINE"

# ---------------------------------------------------------------- 2. fan-out
echo "== 2. status fan-out to $FANOUT_NODES simulated nodes"
FAN_LAG=(); FAN_THREADS=(); FAN_WRONG=(); FAN_RECORDED=()
for r in $(seq 1 "$REPEAT"); do
    java "$HERE/AgentsBench.java" fanout "$BASE" "$TOKEN" "$PID" "$FANOUT_NODES" "r$r" > "$OUT/fanout-$r.txt"
    line=$(grep '^FANOUT ' "$OUT/fanout-$r.txt")
    echo "   run $r: $line"
    echo "   threads at the maximum: $(sed -n 's/^FANOUT_THREADS_AT_MAX //p' "$OUT/fanout-$r.txt")"
    FAN_LAG+=("$(sed 's/.*finish_after_deadline_s=\([-0-9.]*\).*/\1/' <<<"$line")")
    FAN_THREADS+=("$(sed 's/.*threads_max=\([0-9-]*\).*/\1/' <<<"$line")")
    FAN_WRONG+=("$(sed 's/.* wrong=\([0-9]*\).*/\1/' <<<"$line")")
    FAN_RECORDED+=("$(sed 's/.* recorded=\([0-9]*\).*/\1/' <<<"$line")")
    FAN_BEFORE=$(sed 's/.*threads_before=\([0-9-]*\).*/\1/' <<<"$line")
done

# ---------------------------------------------------------------- 3. ports
echo "== 3. $ALLOCATIONS port allocations, 20 clients, 10 agents"
PORT_RATES=(); PORT_DUPS=()
for r in $(seq 1 "$REPEAT"); do
    line=$(java "$HERE/AgentsBench.java" ports "$BASE" "$TOKEN" 10 20 "$ALLOCATIONS" "r$r" | grep '^PORTS')
    echo "   run $r: $line"
    PORT_RATES+=("$(sed 's/.* rate=\([0-9.]*\).*/\1/' <<<"$line")")
    PORT_DUPS+=("$(sed 's/.* duplicates=\([0-9]*\).*/\1/;' <<<"$line")+$(sed 's/.*stored_duplicates=\([0-9]*\).*/\1/' <<<"$line")")
done

echo
echo "== agents bench: medians of $REPEAT run(s)$( [ "$QUICK" = 1 ] && echo ', QUICK (short durations)')"
printf '%-58s %12s   %s\n' "figure" "median" "floor"
printf '%-58s %12s   %s\n' "reports/s sustained ($NODES nodes, ${SECONDS_SUSTAINED} s, embedded Derby)" "$REPORTS_MEDIAN" ">= 2000"
printf '%-58s %12s   %s\n' "first reports/s (agent rows created)" "$CREATE_RATE" "-"
printf '%-58s %12s   %s\n' "fan-out: answers recorded of $FANOUT_NODES" "$(printf '%s\n' "${FAN_RECORDED[@]}" | median)" "= $FANOUT_NODES"
printf '%-58s %12s   %s\n' "fan-out: agents with the wrong answer" "$(printf '%s\n' "${FAN_WRONG[@]}" | median)" "0"
printf '%-58s %12s   %s\n' "fan-out: finished s after the deadline (poll every 0.2 s)" "$(printf '%s\n' "${FAN_LAG[@]}" | median)" "~1 (grace)"
printf '%-58s %12s   %s\n' "fan-out: server JVM threads, max during (before: $FAN_BEFORE)" "$(printf '%s\n' "${FAN_THREADS[@]}" | median)" "< 50"
printf '%-58s %12s   %s\n' "port allocations/s (20 clients, 10 agents)" "$(printf '%s\n' "${PORT_RATES[@]}" | median)" "-"
printf '%-58s %12s   %s\n' "port duplicates (client-seen + stored)" "$(printf '%s\n' "${PORT_DUPS[@]}" | tr '\n' ' ')" "0+0"
