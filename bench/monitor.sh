#!/usr/bin/env bash
# Monitor figures (issue 3), each the median of 3, beside node_exporter in the same run:
#   - requests/s and p99 latency (wrk -t2 -c20 -d10s, loopback) of our GET /api/v1/monitor/resource, our GET /metrics
#     and node_exporter's GET /metrics;
#   - CPU time (utime+stime from /proc/<pid>/stat) each process uses over 60 s idle, the node with its sampler on
#     and reporting every 20 s to a local stub server, both scraped every 15 s as a Prometheus would; the node's RSS after that idle minute and its growth over it;
#   - CPU per /metrics scrape: each process's CPU time over its wrk run divided by the requests served.
# Targets: our /metrics (node_exporter's default collectors since issue 19, a page of about the size of
# node_exporter's) >= 5x node_exporter's req/s with p99 < 76 ms, and CPU per scrape <= node_exporter's; resource
# p99 < 20 ms; node idle CPU <= 0.6 s per 60 s; idle RSS growth < 5 MiB.
# Installs wrk and prometheus-node-exporter from Debian when missing; builds the archive when it is missing.
# Loopback only, on free ports; stops everything it started.
#
#   bench/monitor.sh                 # full run (about 6 minutes)
#   BENCH_QUICK=1 bench/monitor.sh   # one repetition, 3 s wrk, 15 s idle: checks the script, not the figures
# The idle minute starts SETTLE s after the node answers, so it measures the steady state, not the end of the boot.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
QUICK=${BENCH_QUICK:-}
REPS=3; IDLE=60; WRK_D=10s; SETTLE=40
if [ -n "$QUICK" ]; then REPS=1; IDLE=15; WRK_D=3s; SETTLE=25; fi
WORK=$ROOT/bench/out/monitor
mkdir -p "$WORK"

need() { command -v "$1" >/dev/null 2>&1; }
install_pkg() { # package
    echo "installing $1 from Debian..."
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    # no service start by the package (policy-rc.d 101): ours runs on a free port of its own, not on :9100
    local policy=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        policy=/usr/sbin/policy-rc.d
        printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null && $sudo chmod +x "$policy"
    fi
    ($sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$1") >/dev/null
    [ -z "$policy" ] || $sudo rm -f "$policy"
}
need wrk || install_pkg wrk
NODE_EXPORTER=$(command -v prometheus-node-exporter || true)
if [ -z "$NODE_EXPORTER" ]; then
    install_pkg prometheus-node-exporter
    NODE_EXPORTER=$(command -v prometheus-node-exporter)
fi
# the Debian package starts a system service where systemd runs; ours is a separate process on its own port
ARCHIVE=$(ls karaf-distribution/target/armada-*.tar.gz 2>/dev/null | head -n 1 || true)
if [ -z "$ARCHIVE" ]; then
    echo "building the archive..."
    mvn -B -q -ntp verify -DskipTests >/dev/null
    ARCHIVE=$(ls karaf-distribution/target/armada-*.tar.gz | head -n 1)
fi

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) {print "n/a"} else if (NR%2) {print a[(NR+1)/2]} else {print (a[NR/2]+a[NR/2+1])/2}}'; }
cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
rss_mib() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
wait_http() { # url deadline-seconds [header]
    local end=$(( $(date +%s) + $2 ))
    while [ "$(date +%s)" -lt "$end" ]; do
        [ "$(curl -s -o /dev/null -w '%{http_code}' ${3:+-H "$3"} "$1")" = 200 ] && return 0
        sleep 0.2
    done
    return 1
}
# wrk: prints "req/s p99-ms requests"
wrk_run() { # url [header]
    local out rps p99
    if [ -n "${2:-}" ]; then
        out=$(wrk -t2 -c20 -d"$WRK_D" --latency -H "$2" "$1")
    else
        out=$(wrk -t2 -c20 -d"$WRK_D" --latency "$1")
    fi
    if echo "$out" | grep -q 'Non-2xx'; then
        echo "non-2xx answers from $1:" >&2; echo "$out" >&2; exit 1
    fi
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    reqs=$(echo "$out" | awk '/requests in/ {print $1}')
    p99=$(echo "$out" | awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}')
    echo "$rps $p99 $reqs"
}
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do
        kill "$p" 2>/dev/null || true
    done
    for p in "${PIDS[@]}"; do
        for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$p" 2>/dev/null || true
    done
}
trap cleanup EXIT

# ---- a report stub: answers 200 to every POST (the server the node reports to) ----
STUB_PORT=$(free_port)
python3 - "$STUB_PORT" >"$WORK/stub.log" 2>&1 <<'EOF' &
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
class H(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200); self.send_header("Content-Length", "2"); self.end_headers(); self.wfile.write(b"{}")
    def log_message(self, fmt, *args):
        sys.stderr.write("%s\n" % (self.path,))
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
EOF
PIDS+=($!)

# ---- the node ----
HTTP=$(free_port); SSH=$(free_port)
rm -rf "$WORK/node"; mkdir -p "$WORK/node"; tar xzf "$ARCHIVE" -C "$WORK/node"
HOME_DIR=$(ls -d "$WORK"/node/*/ | head -n 1)
(cd "$HOME_DIR" && ARMADA_ROLE=node ARMADA_HTTP_PORT=$HTTP ARMADA_SSH_PORT=$SSH \
    ARMADA_SERVER_URL="http://127.0.0.1:$STUB_PORT" bin/start)
wait_http "http://127.0.0.1:$HTTP/health" 120 || { echo "the node did not start"; exit 1; }
NODE_PID=$(cat "$HOME_DIR/karaf.pid")
PIDS+=("$NODE_PID")
TOKEN=$(sed -n 's/^token *= *//p' "$HOME_DIR/etc/io.armada.security.cfg")
AUTH="X-Armada-Token: $TOKEN"
wait_http "http://127.0.0.1:$HTTP/api/v1/monitor/cpu" 60 "$AUTH" || { echo "the monitor is not served"; exit 1; }

# ---- node_exporter ----
NE_PORT=$(free_port)
"$NODE_EXPORTER" --web.listen-address="127.0.0.1:$NE_PORT" >"$WORK/node_exporter.log" 2>&1 &
NE_PID=$!
PIDS+=("$NE_PID")
wait_http "http://127.0.0.1:$NE_PORT/metrics" 30 || { echo "node_exporter did not start"; exit 1; }

echo "Monitor benchmark ($REPS repetitions, idle ${IDLE}s, wrk -t2 -c20 -d$WRK_D) on $(nproc) cores"
echo "  node pid $NODE_PID on :$HTTP (reporting to the stub on :$STUB_PORT), node_exporter pid $NE_PID on :$NE_PORT"

# ---- idle CPU, both processes over the same window, before any load; the node settled first (the end of the
# boot, the first report that activates the fleet client) ----
sleep "$SETTLE"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
n0=$(cpu_ticks "$NODE_PID"); e0=$(cpu_ticks "$NE_PID")
RSS0=$(rss_mib "$NODE_PID")
# idle as a Prometheus sees it: both pages scraped every 15 s
for _ in $(seq 1 $(( IDLE / 15 ))); do
    curl -s -o /dev/null -H "$AUTH" "http://127.0.0.1:$HTTP/metrics"
    curl -s -o /dev/null "http://127.0.0.1:$NE_PORT/metrics"
    sleep 15
done
n1=$(cpu_ticks "$NODE_PID"); e1=$(cpu_ticks "$NE_PID")
HZ=$(getconf CLK_TCK)
NODE_IDLE=$(echo "scale=3; ($n1 - $n0) / $HZ * 60 / $IDLE" | bc)
NE_IDLE=$(echo "scale=3; ($e1 - $e0) / $HZ * 60 / $IDLE" | bc)
NODE_RSS=$(rss_mib "$NODE_PID")
RSS_GROWTH=$(echo "scale=1; $NODE_RSS - $RSS0" | bc)
REPORTS=$(grep -c '^/v1.0/reports' "$WORK/stub.log" || true)
echo "  idle: node $NODE_IDLE s CPU per 60 s (RSS $RSS0 -> $NODE_RSS MiB, $REPORTS report bodies received), node_exporter $NE_IDLE s"

# ---- throughput and latency: one warm-up each, then REPS rounds, interleaved ----
R_URL="http://127.0.0.1:$HTTP/api/v1/monitor/resource"
M_URL="http://127.0.0.1:$HTTP/metrics"
E_URL="http://127.0.0.1:$NE_PORT/metrics"
H_URL="http://127.0.0.1:$HTTP/health"
wrk_run "$H_URL" >/dev/null
wrk_run "$R_URL" "$AUTH" >/dev/null
wrk_run "$M_URL" "$AUTH" >/dev/null
wrk_run "$E_URL" >/dev/null
rr=(); rp=(); mr=(); mp=(); er=(); ep=(); hr=(); hp=(); mc=(); ec=()
per_scrape_ms() { # ticks-before ticks-after requests
    echo "scale=4; ($2 - $1) * 1000 / $HZ / $3" | bc
}
for rep in $(seq 1 "$REPS"); do
    read -r r p q <<<"$(wrk_run "$H_URL")"; hr+=("$r"); hp+=("$p")
    read -r r p q <<<"$(wrk_run "$R_URL" "$AUTH")"; rr+=("$r"); rp+=("$p")
    c0=$(cpu_ticks "$NODE_PID")
    read -r r p q <<<"$(wrk_run "$M_URL" "$AUTH")"; mr+=("$r"); mp+=("$p")
    mc+=("$(per_scrape_ms "$c0" "$(cpu_ticks "$NODE_PID")" "$q")")
    c0=$(cpu_ticks "$NE_PID")
    read -r r p q <<<"$(wrk_run "$E_URL")"; er+=("$r"); ep+=("$p")
    ec+=("$(per_scrape_ms "$c0" "$(cpu_ticks "$NE_PID")" "$q")")
    echo "  round $rep: resource ${rr[-1]} req/s p99 ${rp[-1]} ms; /metrics ${mr[-1]} req/s p99 ${mp[-1]} ms" \
        "(${mc[-1]} ms CPU a scrape); node_exporter ${er[-1]} req/s p99 ${ep[-1]} ms (${ec[-1]} ms CPU a scrape);" \
        "/health ${hr[-1]} req/s p99 ${hp[-1]} ms"
done
PAGE=$(curl -s -H "$AUTH" "$M_URL" | wc -c); NE_PAGE=$(curl -s "$E_URL" | wc -c)
R_RPS=$(printf '%s\n' "${rr[@]}" | median); R_P99=$(printf '%s\n' "${rp[@]}" | median)
M_RPS=$(printf '%s\n' "${mr[@]}" | median); M_P99=$(printf '%s\n' "${mp[@]}" | median)
E_RPS=$(printf '%s\n' "${er[@]}" | median); E_P99=$(printf '%s\n' "${ep[@]}" | median)
H_RPS=$(printf '%s\n' "${hr[@]}" | median); H_P99=$(printf '%s\n' "${hp[@]}" | median)
M_CPU=$(printf '%s\n' "${mc[@]}" | median); E_CPU=$(printf '%s\n' "${ec[@]}" | median)
RATIO=$(echo "scale=2; $M_RPS / $E_RPS" | bc)

verdict() { if [ "$1" = 1 ]; then echo "ok"; else echo "MISSED"; fi; }
echo
echo "== medians ==================================================================================="
printf '%-44s %16s %16s %-28s %s\n' "figure" "armada node" "node_exporter" "target" ""
printf '%-44s %16s %16s %-28s %s\n' "GET /metrics req/s" "$M_RPS" "$E_RPS" ">= 5x node_exporter" \
    "$(verdict "$(echo "$M_RPS >= 5 * $E_RPS" | bc)") (${RATIO}x)"
printf '%-44s %16s %16s %-28s %s\n' "GET /metrics p99 (ms)" "$M_P99" "$E_P99" "< 76" "$(verdict "$(echo "$M_P99 < 76" | bc)")"
printf '%-44s %16s %16s %-28s %s\n' "CPU per /metrics scrape (ms)" "$M_CPU" "$E_CPU" "<= node_exporter's" \
    "$(verdict "$(echo "$M_CPU <= $E_CPU" | bc)")"
printf '%-44s %16s %16s %-28s %s\n' "/metrics page (bytes)" "$PAGE" "$NE_PAGE" "-" ""
printf '%-44s %16s %16s %-28s %s\n' "GET /api/v1/monitor/resource req/s" "$R_RPS" "-" "-" ""
printf '%-44s %16s %16s %-28s %s\n' "GET /api/v1/monitor/resource p99 (ms)" "$R_P99" "-" "< 20" "$(verdict "$(echo "$R_P99 < 20" | bc)")"
printf '%-44s %16s %16s %-28s %s\n' "floor: GET /health req/s (p99 ms), same JVM" "$H_RPS ($H_P99)" "-" "-" ""
printf '%-44s %16s %16s %-28s %s\n' "machine load average before the runs" "$LOAD_BEFORE" "" "" ""
printf '%-44s %16s %16s %-28s %s\n' "idle CPU per 60 s (s)" "$NODE_IDLE" "$NE_IDLE" "<= 0.6 (node)" "$(verdict "$(echo "$NODE_IDLE <= 0.6" | bc)")"
printf '%-44s %16s %16s %-28s %s\n' "node idle RSS (MiB)" "$NODE_RSS" "-" "< 160" "$(verdict "$(echo "$NODE_RSS < 160" | bc)")"
printf '%-44s %16s %16s %-28s %s\n' "node idle RSS growth over the idle time (MiB)" "$RSS_GROWTH" "-" "< 5" \
    "$(verdict "$(echo "$RSS_GROWTH < 5" | bc)")"
