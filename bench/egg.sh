#!/usr/bin/env bash
#
# bench/egg.sh -- block lists and counters (seed 004, SPEC §9):
#   1. latency (p50, p99) of a full GET /egg/domain/list with 100,000 domains stored (filled through the API first,
#      which also warms the JVM up);
#   2. adds per second from 20 concurrent clients (POST /egg/domain/add, each answer checked for "status":0, and the
#      domain counter checked to have moved by exactly the number of rows stored).
# Floors from issue 5: at least 1,000 adds/s; a full list of 100,000 rows in under 1 s.
#
# Runs the archive from karaf-distribution/target (built with `mvn package -DskipTests` when missing) on loopback, on
# free ports, with its own data folder, and stops it at the end. Needs wrk (installed with apt-get when missing) and
# curl. Every figure is taken BENCH_RUNS times and the median is printed.
#
#   bench/egg.sh                     # full run (about 5 minutes on 2 cores)
#   BENCH_QUICK=1 bench/egg.sh       # smoke run: short runs, 2,000 rows
#
# Settings (environment): BENCH_RUNS (3), BENCH_CLIENTS (20), BENCH_ADD_SECONDS (10), BENCH_ROWS (100000),
# BENCH_LIST_SECONDS (20), BENCH_KEEP=1 keeps the work folder.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
if [ "${BENCH_QUICK:-0}" = 1 ]; then
    RUNS=${BENCH_RUNS:-2}; ADD_SECONDS=${BENCH_ADD_SECONDS:-3}; ROWS=${BENCH_ROWS:-2000}; LIST_SECONDS=${BENCH_LIST_SECONDS:-4}
    FIRST_FILL_SECONDS=2
else
    RUNS=${BENCH_RUNS:-3}; ADD_SECONDS=${BENCH_ADD_SECONDS:-10}; ROWS=${BENCH_ROWS:-100000}; LIST_SECONDS=${BENCH_LIST_SECONDS:-20}
    FIRST_FILL_SECONDS=10
fi
CLIENTS=${BENCH_CLIENTS:-20}
THREADS=2
TOKEN="bench-egg-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

# ---------------------------------------------------------------------------------------------- tools
command -v wrk >/dev/null 2>&1 || need_apt wrk
command -v curl >/dev/null 2>&1 || { say "curl is needed"; exit 1; }

armada_archive

WORK=$(mktemp -d "${TMPDIR:-/tmp}/armada-bench-egg.XXXXXX")
HOME_DIR=""
cleanup() {
    stop_instance "$HOME_DIR"
    [ "${BENCH_KEEP:-0}" = 1 ] && say "kept $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT

# ---------------------------------------------------------------------------------------------- server
start_instance "$WORK" "$TOKEN" "/egg/domain/list?id=1" /egg/counter/list

rows() { curl -s -H "X-Armada-Token: $TOKEN" "$BASE/egg/domain/list" | { grep -o '"id":' || true; } | wc -l; }
domain_counter() {
    curl -s -H "X-Armada-Token: $TOKEN" "$BASE/egg/counter/list" | sed -n 's/.*"counter_for_domain":\([0-9]*\).*/\1/p'
}

# ---------------------------------------------------------------------------------------------- wrk scripts
cat > "$WORK/add.lua" <<'EOF'
-- POST /egg/domain/add with a new domain each time; counts answers with "status":0.
local token = os.getenv("ARMADA_TOKEN")
local run = os.getenv("BENCH_RUN") or "r"
local threads = {}
function setup(thread)
    table.insert(threads, thread)
    thread:set("tid", #threads)
end
function init(args)
    n, okc, failed = 0, 0, 0
end
function request()
    n = n + 1
    local body = string.format('{"domain":"%s-%d-%d.bench.example.com"}', run, tid, n)
    return wrk.format("POST", "/egg/domain/add",
        {["Content-Type"] = "application/json", ["X-Armada-Token"] = token}, body)
end
function response(status, headers, body)
    if status == 200 and string.find(body, '"status":0', 1, true) then okc = okc + 1 else failed = failed + 1 end
end
function done(summary, latency, requests)
    local ok, bad = 0, 0
    for _, t in ipairs(threads) do
        ok = ok + t:get("okc")
        bad = bad + t:get("failed")
    end
    io.write(string.format("RESULT ok=%d failed=%d seconds=%.3f\n", ok, bad, summary.duration / 1e6))
end
EOF
cat > "$WORK/list.lua" <<'EOF'
-- GET /egg/domain/list (all rows); checks each answer, prints p50/p99 in ms.
local token = os.getenv("ARMADA_TOKEN")
wrk.method = "GET"
wrk.path = "/egg/domain/list"
wrk.headers["X-Armada-Token"] = token
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) failed, bytes = 0, 0 end
function response(status, headers, body)
    if status ~= 200 or not string.find(body, '"status":0', 1, true) then failed = failed + 1 end
    bytes = #body
end
function done(summary, latency, requests)
    local bad, size = 0, 0
    for _, t in ipairs(threads) do bad = bad + t:get("failed"); size = t:get("bytes") end
    io.write(string.format("RESULT p50=%.1f p99=%.1f requests=%d failed=%d bytes=%d\n",
        latency:percentile(50.0) / 1000, latency:percentile(99.0) / 1000, summary.requests, bad, size))
end
EOF

export ARMADA_TOKEN="$TOKEN"
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }

# ---------------------------------------------------------------------------------------------- 1. fill to ROWS
# In rounds sized by the rate of the round before (wrk runs for its whole -d), so the table ends close to ROWS.
# The fill also warms the JVM up for the measured runs below.
have=$(rows)
say "filling to $ROWS domains (have $have), $CLIENTS clients"
seconds=$FIRST_FILL_SECONDS
for round in $(seq 1 60); do
    missing=$(( ROWS - have ))
    [ "$missing" -gt 0 ] || break
    out=$(BENCH_RUN="f$round" wrk -t"$THREADS" -c"$CLIENTS" -d"${seconds}s" --timeout 30s -s "$WORK/add.lua" "$BASE" \
        | grep '^RESULT')
    sleep 1
    have=$(rows)
    rate=$(awk -v o="$(echo "$out" | field ok)" -v s="$(echo "$out" | field seconds)" 'BEGIN { printf "%.0f", o / s }')
    say "  round $round: ${seconds} s at $rate adds/s, $have stored"
    # the rate climbs while the JIT warms up: aim short of the target and close in
    seconds=$(awk -v m="$(( ROWS - have ))" -v r="$rate" 'BEGIN { s = int(m / (r > 10 ? r : 10) * 0.7); print (s < 1 ? 1 : (s > 20 ? 20 : s)) }')
done
[ "$have" -ge "$ROWS" ] || { say "could not store $ROWS domains"; exit 1; }

# ---------------------------------------------------------------------------------------------- 2. full list latency
LISTED=$have
say "full list of $LISTED domains: $RUNS runs of ${LIST_SECONDS} s, one client"
curl -s -o /dev/null -H "X-Armada-Token: $TOKEN" "$BASE/egg/domain/list" # warm-up
P50S=(); P99S=()
for run in $(seq 1 "$RUNS"); do
    out=$(wrk -t1 -c1 -d"${LIST_SECONDS}s" --timeout 30s -s "$WORK/list.lua" "$BASE" | grep '^RESULT')
    p50=$(echo "$out" | field p50); p99=$(echo "$out" | field p99)
    say "  run $run: p50 ${p50} ms, p99 ${p99} ms over $(echo "$out" | field requests) lists of $(echo "$out" | field bytes) bytes; failed $(echo "$out" | field failed)"
    P50S+=("$p50"); P99S+=("$p99")
done

# ---------------------------------------------------------------------------------------------- 3. adds per second
say "adds: $RUNS runs of ${ADD_SECONDS} s, $CLIENTS clients, on top of the $LISTED stored"
ADD_RATES=()
for run in $(seq 1 "$RUNS"); do
    rows_before=$(rows); before=$(domain_counter)
    out=$(BENCH_RUN="a$run" wrk -t"$THREADS" -c"$CLIENTS" -d"${ADD_SECONDS}s" --timeout 30s -s "$WORK/add.lua" "$BASE" \
        | grep '^RESULT')
    ok=$(echo "$out" | field ok); failed=$(echo "$out" | field failed); secs=$(echo "$out" | field seconds)
    sleep 1 # requests still in flight when wrk stopped counting complete on the server
    rows_after=$(rows); after=$(domain_counter)
    rate=$(awk -v o="$ok" -v s="$secs" 'BEGIN { printf "%.0f", o / s }')
    stored=$(( rows_after - rows_before )); counted=$(( after - before ))
    say "  run $run: $ok adds acknowledged in ${secs} s = $rate adds/s; refused $failed; stored $stored, counted $counted"
    [ "$failed" = 0 ] || say "  WARNING: $failed adds were not acknowledged"
    [ "$counted" = "$stored" ] || say "  WARNING: the counter moved by $counted for $stored stored adds"
    ADD_RATES+=("$rate")
done

# ---------------------------------------------------------------------------------------------- report
ADD_MEDIAN=$(printf '%s\n' "${ADD_RATES[@]}" | median)
P50_MEDIAN=$(printf '%s\n' "${P50S[@]}" | median)
P99_MEDIAN=$(printf '%s\n' "${P99S[@]}" | median)
verdict() { awk -v v="$1" -v t="$2" -v dir="$3" 'BEGIN { ok = (dir == "min") ? (v >= t) : (v < t); print ok ? "meets" : "MISSES" }'; }
echo
echo "egg block lists ($(nproc) cores; medians of $RUNS runs$([ "${BENCH_QUICK:-0}" = 1 ] && echo ', QUICK: short runs, not the real figures'))"
printf '  %-44s %10s   floor %-10s %s\n' "adds/s, $CLIENTS concurrent clients" "$ADD_MEDIAN" ">= 1000" "$(verdict "$ADD_MEDIAN" 1000 min)"
printf '  %-44s %10s   floor %-10s %s\n' "full list of $LISTED domains, p50 (ms)" "$P50_MEDIAN" "< 1000" "$(verdict "$P50_MEDIAN" 1000 max)"
printf '  %-44s %10s   floor %-10s %s\n' "full list of $LISTED domains, p99 (ms)" "$P99_MEDIAN" "< 1000" "$(verdict "$P99_MEDIAN" 1000 max)"
