#!/usr/bin/env bash
#
# bench/files.sh -- files (seed 000, SPEC §10.2, issue 12):
#   1. a 100 MiB upload through POST /v1.0/files (multipart, curl -F): MiB/s beside cp of the same file on the same
#      disk followed by sync of the copy (the floor: the server fsyncs an upload before it answers), and the server's
#      RSS growth during the upload (sampled every 50 ms). Targets: at least 30% of cp's MiB/s; RSS growth < 32 MiB.
#   2. GET /v1.0/files/{md5}/download of that file to 20 concurrent clients (wrk), aggregate MiB/s, beside nginx
#      (Debian's nginx-light, 2 workers, sendfile) serving the same file from the same folder. Target: >= 50% of nginx.
#   3. one send of that file (PUT /v1.0/agents/all/files/{md5}) to 3 real node instances on loopback, each reporting
#      to the server: seconds from the request until every agent answered (the request finished, polled every 0.1 s),
#      each node fetching the 100 MiB from the server's download route and checking its md5. Each run first cleans the
#      file off the nodes (DELETE /v1.0/agents/all/files/{md5}), so every run fetches.
#
# Runs the archive from karaf-distribution/target (built with `mvn package -DskipTests` when missing) on loopback, on
# free ports, with its own data folder, and stops it at the end. Needs wrk and nginx (installed with apt-get when
# missing), curl and unshare (util-linux: each node gets a host name of its own). Every figure is taken BENCH_RUNS times and the median is printed.
#
#   bench/files.sh                   # full run (about 3 minutes on 2 cores)
#   BENCH_QUICK=1 bench/files.sh     # smoke run: a 10 MiB file, short runs
#
# Settings (environment): BENCH_RUNS (3), BENCH_MIB (100), BENCH_CLIENTS (20), BENCH_SECONDS (10), BENCH_NODES (3),
# BENCH_KEEP=1.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
if [ "${BENCH_QUICK:-0}" = 1 ]; then
    RUNS=${BENCH_RUNS:-2}; MIB=${BENCH_MIB:-10}; SECONDS_EACH=${BENCH_SECONDS:-3}
else
    RUNS=${BENCH_RUNS:-3}; MIB=${BENCH_MIB:-100}; SECONDS_EACH=${BENCH_SECONDS:-10}
fi
CLIENTS=${BENCH_CLIENTS:-20}
NODES=${BENCH_NODES:-3}
TOKEN="bench-files-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

# ---------------------------------------------------------------------------------------------- tools
need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
if [ "${#need[@]}" -gt 0 ]; then
    need_apt "${need[@]}"
    # the package's own nginx (port 80) is not ours: stop it if the install started it
    if [ "$(id -u)" = 0 ]; then service nginx stop >/dev/null 2>&1 || true; else sudo service nginx stop >/dev/null 2>&1 || true; fi
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
command -v curl >/dev/null 2>&1 || { say "curl is needed"; exit 1; }

armada_archive

WORK=$(mktemp -d "${TMPDIR:-/tmp}/armada-bench-files.XXXXXX")
HOME_DIR=""
NGINX_PID=""
NODE_HOMES=()
cleanup() {
    [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true
    for n in "${NODE_HOMES[@]}"; do stop_instance "$n"; done
    stop_instance "$HOME_DIR"
    [ "${BENCH_KEEP:-0}" = 1 ] && say "kept $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT

# ---------------------------------------------------------------------------------------------- server
start_instance "$WORK" "$TOKEN" /v1.0/files
PID=$(cat "$HOME_DIR/karaf.pid")

BIG="$WORK/big.bin"
say "making a $MIB MiB file"
head -c $(( MIB * 1024 * 1024 )) /dev/urandom > "$BIG"
MD5=$(md5sum "$BIG" | cut -d' ' -f1)
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$PID/status"; }

# ---------------------------------------------------------------------------------------------- 1. upload vs cp
say "upload of $MIB MiB: $RUNS runs (after a warm-up), each beside cp + sync"
upload() {
    curl -s -o "$WORK/upload.json" -w '%{http_code} %{time_total}' -H "X-Armada-Token: $TOKEN" \
        -F "md5=$MD5" -F "file=@$BIG" "$BASE/v1.0/files"
}
delete_record() { curl -s -o /dev/null -X DELETE -H "X-Armada-Token: $TOKEN" "$BASE/v1.0/files/$MD5"; }
upload >/dev/null; delete_record   # warm-up
UP_RATES=(); CP_RATES=(); RSS_GROWTHS=()
for run in $(seq 1 "$RUNS"); do
    sync; sleep 1
    before=$(rss_kib); peak=$before
    upload > "$WORK/upload.out" &
    up_pid=$!
    while kill -0 "$up_pid" 2>/dev/null; do
        r=$(rss_kib); [ "$r" -gt "$peak" ] && peak=$r
        sleep 0.05
    done
    wait "$up_pid" || true
    read -r code secs < "$WORK/upload.out" || true   # curl -w writes no newline
    grep -q '"FILEOK"' "$WORK/upload.json" || { say "upload failed: $code $(cat "$WORK/upload.json")"; exit 1; }
    [ "$(md5sum "$WORK/data/files/$MD5" | cut -d' ' -f1)" = "$MD5" ] || { say "the stored file differs"; exit 1; }
    up=$(awk -v m="$MIB" -v s="$secs" 'BEGIN { printf "%.1f", m / s }')
    growth=$(awk -v a="$before" -v b="$peak" 'BEGIN { printf "%.1f", (b - a) / 1024 }')
    delete_record
    sync; sleep 1
    start=$(date +%s.%N); cp "$BIG" "$WORK/copy.bin"; sync "$WORK/copy.bin"; end=$(date +%s.%N)
    cpr=$(awk -v m="$MIB" -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", m / (b - a) }')
    rm -f "$WORK/copy.bin"
    say "  run $run: upload $up MiB/s (HTTP $code, RSS +$growth MiB); cp + sync $cpr MiB/s"
    UP_RATES+=("$up"); CP_RATES+=("$cpr"); RSS_GROWTHS+=("$growth")
done
upload >/dev/null   # keep the file for the downloads

# ---------------------------------------------------------------------------------------------- 2. download vs nginx
NGINX_PORT=$(free_port)
while [ "$NGINX_PORT" = "$HTTP_PORT" ] || [ "$NGINX_PORT" = "$SSH_PORT" ]; do NGINX_PORT=$(free_port); done
mkdir -p "$WORK/nginx/www/v1.0/files/$MD5" "$WORK/nginx/tmp"
ln "$WORK/data/files/$MD5" "$WORK/nginx/www/v1.0/files/$MD5/download" 2>/dev/null \
    || cp "$WORK/data/files/$MD5" "$WORK/nginx/www/v1.0/files/$MD5/download"
# workers run as this user: the bench's folders are private (mktemp -d)
NGINX_USER=""; [ "$(id -u)" = 0 ] && NGINX_USER="user root;"
cat > "$WORK/nginx/nginx.conf" <<NGINX_CONF
$NGINX_USER
worker_processes 2;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 256; }
http {
    access_log off;
    sendfile on;
    client_body_temp_path $WORK/nginx/tmp;
    proxy_temp_path $WORK/nginx/tmp;
    fastcgi_temp_path $WORK/nginx/tmp;
    uwsgi_temp_path $WORK/nginx/tmp;
    scgi_temp_path $WORK/nginx/tmp;
    default_type application/octet-stream;
    server { listen 127.0.0.1:$NGINX_PORT; root $WORK/nginx/www; }
}
NGINX_CONF
"$NGINX" -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" 2>"$WORK/nginx/stderr" &
NGINX_PID=$!
for _ in $(seq 1 50); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$NGINX_PORT/v1.0/files/$MD5/download")" = 200 ] && break
    sleep 0.2
done
[ "$(curl -s "http://127.0.0.1:$NGINX_PORT/v1.0/files/$MD5/download" | md5sum | cut -d' ' -f1)" = "$MD5" ] \
    || { say "nginx does not serve the file: $(cat "$WORK/nginx/stderr" "$WORK/nginx/error.log" 2>/dev/null)"; exit 1; }
[ "$(curl -s -H "X-Armada-Token: $TOKEN" "$BASE/v1.0/files/$MD5/download" | md5sum | cut -d' ' -f1)" = "$MD5" ] \
    || { say "the download route does not serve the file"; exit 1; }

cat > "$WORK/download.lua" <<'LUA'
-- GET the file; prints the aggregate MiB/s and the answers that were not 2xx/3xx. No response() callback: with one,
-- wrk hands every body to Lua whole, and a 100 MiB body then costs the client more than the server.
local token = os.getenv("ARMADA_TOKEN")
wrk.method = "GET"
if token and token ~= "" then wrk.headers["X-Armada-Token"] = token end
function done(summary, latency, requests)
    io.write(string.format("RESULT mibs=%.1f requests=%d failed=%d\n",
        summary.bytes / 1048576 / (summary.duration / 1e6), summary.requests, summary.errors.status))
end
LUA
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }
say "downloads: $CLIENTS clients, $RUNS runs of ${SECONDS_EACH} s each, Armada then nginx"
DL_RATES=(); NG_RATES=()
for run in $(seq 1 "$RUNS"); do
    out=$(ARMADA_TOKEN="$TOKEN" wrk -t2 -c"$CLIENTS" -d"${SECONDS_EACH}s" --timeout 60s -s "$WORK/download.lua" \
        "$BASE/v1.0/files/$MD5/download" | grep '^RESULT')
    ng=$(ARMADA_TOKEN="" wrk -t2 -c"$CLIENTS" -d"${SECONDS_EACH}s" --timeout 60s -s "$WORK/download.lua" \
        "http://127.0.0.1:$NGINX_PORT/v1.0/files/$MD5/download" | grep '^RESULT')
    say "  run $run: Armada $(echo "$out" | field mibs) MiB/s ($(echo "$out" | field requests) files, failed $(echo "$out" | field failed)); nginx $(echo "$ng" | field mibs) MiB/s ($(echo "$ng" | field requests) files, failed $(echo "$ng" | field failed))"
    DL_RATES+=("$(echo "$out" | field mibs)"); NG_RATES+=("$(echo "$ng" | field mibs)")
done

[ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true
NGINX_PID=""

# ---------------------------------------------------------------------------------------------- 3. send to nodes
say "starting $NODES node instances reporting to the server"
UTS="--uts"; [ "$(id -u)" = 0 ] || UTS="-Ur --uts"
used_ports=" $HTTP_PORT $SSH_PORT $NGINX_PORT "
port_not_used() {
    local p
    p=$(free_port)
    while [[ "$used_ports" == *" $p "* ]]; do p=$(free_port); done
    used_ports="$used_ports$p "
    echo "$p"
}
for i in $(seq 1 "$NODES"); do
    mkdir -p "$WORK/node$i"
    tar xzf "$ARCHIVE" -C "$WORK/node$i"
    nh=$(ls -d "$WORK/node$i"/armada-*/ | head -n 1); nh=${nh%/}
    NODE_HOMES+=("$nh")
    np=$(port_not_used); ns=$(port_not_used)
    # each node in a UTS namespace of its own with its own host name: the server makes one agent per host name
    (cd "$nh" && ARMADA_ROLE=node ARMADA_HTTP_PORT=$np ARMADA_SSH_PORT=$ns ARMADA_TOKEN=$TOKEN \
        ARMADA_DATA="$WORK/node$i/data" ARMADA_SERVER_URL="$BASE" \
        unshare $UTS sh -c "hostname bench-files-node$i && exec bin/start")
done
agents=0
for _ in $(seq 1 180); do
    agents=$(curl -s -H "X-Armada-Token: $TOKEN" "$BASE/v1.0/agents" | { grep -o '"agent_id":[0-9]*' || true; } | wc -l)
    [ "$agents" -ge "$NODES" ] && break
    sleep 1
done
[ "$agents" -ge "$NODES" ] || { say "only $agents of $NODES nodes reported in 180 s"; exit 1; }
async() {   # METHOD PATH: starts a per-agent request, prints its id
    local t
    t=$(date +%s)
    curl -s -X "$1" -H "X-Armada-Token: $TOKEN" -H 'Content-Type: application/json' \
        -d "{\"request_time\":$t,\"finishtime\":$((t + 300)),\"deadline\":$((t + 310))}" "$BASE$2" \
        | sed -n 's/.*"request_id":"\([^"]*\)".*/\1/p'
}
wait_finished() {   # ID: waits until the request finished (0.1 s polls), prints its detail
    local d
    for _ in $(seq 1 4000); do
        d=$(curl -s -H "X-Armada-Token: $TOKEN" -H 'Content-Type: application/json' -X GET -d '{"agents":true}' \
            "$BASE/v1.0/asyncrequests/$1")
        [ "$(echo "$d" | grep -o '"status":[0-9]*' | head -n 1)" = '"status":1' ] && { echo "$d"; return; }
        sleep 0.1
    done
    say "request $1 did not finish"; exit 1
}
say "send of $MIB MiB to $NODES nodes: $RUNS runs, each after a clean"
SEND_SECS=()
for run in $(seq 1 "$RUNS"); do
    id=$(async DELETE "/v1.0/agents/all/files/$MD5"); [ -n "$id" ] || { say "clean did not start"; exit 1; }
    wait_finished "$id" >/dev/null
    sync; sleep 1
    start=$(date +%s.%N)
    id=$(async PUT "/v1.0/agents/all/files/$MD5"); [ -n "$id" ] || { say "send did not start"; exit 1; }
    d=$(wait_finished "$id")
    end=$(date +%s.%N)
    ok=$(echo "$d" | { grep -o '"resultcode":0' || true; } | wc -l)
    # the request's own resultcode 0, and one 0 per agent
    [ "$ok" -ge $((NODES + 1)) ] || { say "not every agent fetched the file: $d"; exit 1; }
    for i in $(seq 1 "$NODES"); do
        [ "$(md5sum "$WORK/node$i/data/files/$MD5"* | cut -d' ' -f1)" = "$MD5" ] || { say "node $i has no good copy"; exit 1; }
    done
    secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
    say "  run $run: $secs s until all $NODES agents answered"
    SEND_SECS+=("$secs")
done

# ---------------------------------------------------------------------------------------------- report
UP=$(printf '%s\n' "${UP_RATES[@]}" | median)
CP=$(printf '%s\n' "${CP_RATES[@]}" | median)
RSS=$(printf '%s\n' "${RSS_GROWTHS[@]}" | median)
DL=$(printf '%s\n' "${DL_RATES[@]}" | median)
NG=$(printf '%s\n' "${NG_RATES[@]}" | median)
verdict() { awk -v v="$1" -v t="$2" -v dir="$3" 'BEGIN { ok = (dir == "min") ? (v >= t) : (v < t); print ok ? "meets" : "MISSES" }'; }
UP_SHARE=$(awk -v a="$UP" -v b="$CP" 'BEGIN { printf "%.0f", 100 * a / b }')
DL_SHARE=$(awk -v a="$DL" -v b="$NG" 'BEGIN { printf "%.0f", 100 * a / b }')
echo
echo "files ($(nproc) cores; medians of $RUNS runs$([ "${BENCH_QUICK:-0}" = 1 ] && echo ', QUICK: short runs, not the real figures'))"
printf '  %-50s %10s   %-26s %s\n' "upload of $MIB MiB (MiB/s)" "$UP" "cp + sync: $CP MiB/s" ""
printf '  %-50s %9s%%   %-26s %s\n' "  upload as a share of cp + sync" "$UP_SHARE" "target >= 30%" "$(verdict "$UP_SHARE" 30 min)"
printf '  %-50s %10s   %-26s %s\n' "  server RSS growth during the upload (MiB)" "$RSS" "target < 32" "$(verdict "$RSS" 32 max)"
printf '  %-50s %10s   %-26s %s\n' "download, $CLIENTS clients, aggregate (MiB/s)" "$DL" "nginx: $NG MiB/s" ""
printf '  %-50s %9s%%   %-26s %s\n' "  download as a share of nginx" "$DL_SHARE" "target >= 50%" "$(verdict "$DL_SHARE" 50 min)"
SEND=$(printf '%s\n' "${SEND_SECS[@]}" | median)
printf '  %-50s %10s   %-26s %s\n' "send of $MIB MiB to $NODES nodes, until all answered (s)" "$SEND" \
    "$(awk -v m="$MIB" -v n="$NODES" -v s="$SEND" 'BEGIN { printf "%.0f MiB/s delivered", m * n / s }')" ""
