#!/usr/bin/env bash
# Foundation figures (issue 2), each the median of 3, beside their floor in the same run:
#   - seconds from bin/start to GET /health 200 (server role, node role) and, for vanilla Karaf 4.4.10, to its
#     SSH port accepting connections (its first sign of life: it serves no HTTP); node and vanilla boot in 5 pairs,
#     one right after the other, so a busy moment of a shared machine hits both (median of 5 each);
#   - for each role, also the seconds until /health lists every area of the role (the first 200 comes when core is
#     up; the other areas arrive after it, the server's a few seconds later);
#   - idle RSS 60 s after that;
#   - requests/s and p99 latency of GET /health under wrk (2 threads, 20 connections, 10 s), and on the server of an
#     authenticated route of the test-only area (token check + egg dialect) in the same run.
# Loopback only, on ports of its own. Installs wrk from Debian when missing; downloads vanilla Karaf from Maven
# Central into bench/.cache. Builds the archive and the test area when they are missing.
#
#   bench/foundation.sh                 # full run (about 15 minutes)
#   BENCH_QUICK=1 bench/foundation.sh   # one repetition, 3 s wrk, 10 s idle: checks the script, not the figures
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
QUICK=${BENCH_QUICK:-}
REPS=3; IDLE=60; WRK_D=10s; PAIRS=5
if [ -n "$QUICK" ]; then REPS=1; IDLE=10; WRK_D=3s; PAIRS=1; fi
WORK=$ROOT/bench/out/foundation
CACHE=$ROOT/bench/.cache
KARAF_VERSION=4.4.10
HTTP=18181; SSH=18101; NODE_HTTP=18202; NODE_SSH=18102; VANILLA_SSH=18111
mkdir -p "$WORK" "$CACHE"

if ! command -v wrk >/dev/null 2>&1; then
    echo "installing wrk from Debian..."
    (apt-get update -qq && apt-get install -y -qq wrk) >/dev/null 2>&1 || sudo apt-get install -y -qq wrk
fi
ARCHIVE=$(ls karaf-distribution/target/armada-*.tar.gz 2>/dev/null | head -n 1 || true)
TESTAREA=$(ls itests/armada-testarea/target/armada-testarea-*.jar 2>/dev/null | head -n 1 || true)
if [ -z "$ARCHIVE" ] || [ -z "$TESTAREA" ]; then
    echo "building the archive and the test area..."
    mvn -B -q -ntp install -DskipTests >/dev/null
    ARCHIVE=$(ls karaf-distribution/target/armada-*.tar.gz | head -n 1)
    TESTAREA=$(ls itests/armada-testarea/target/armada-testarea-*.jar | head -n 1)
fi
VANILLA=$CACHE/apache-karaf-$KARAF_VERSION.tar.gz
if [ ! -f "$VANILLA" ]; then
    echo "downloading vanilla Karaf $KARAF_VERSION from Maven Central..."
    curl -sSfL -o "$VANILLA.part" \
        "https://repo.maven.apache.org/maven2/org/apache/karaf/apache-karaf/$KARAF_VERSION/apache-karaf-$KARAF_VERSION.tar.gz"
    mv "$VANILLA.part" "$VANILLA"
fi

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) {print "n/a"} else if (NR%2) {print a[(NR+1)/2]} else {print (a[NR/2]+a[NR/2+1])/2}}'; }
rss_mib() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
wait_http() { # url deadline-seconds
    local end=$(( $(date +%s) + $2 ))
    while [ "$(date +%s)" -lt "$end" ]; do
        [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = 200 ] && return 0
        sleep 0.05
    done
    return 1
}
wait_port() { # port deadline-seconds
    local end=$(( $(date +%s) + $2 ))
    while [ "$(date +%s)" -lt "$end" ]; do
        (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0
        sleep 0.05
    done
    return 1
}
# wrk: prints "req/s p99-ms"
wrk_run() { # url [header]
    local out
    if [ -n "${2:-}" ]; then
        out=$(wrk -t2 -c20 -d"$WRK_D" --latency -H "$2" "$1")
    else
        out=$(wrk -t2 -c20 -d"$WRK_D" --latency "$1")
    fi
    local rps p99
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p99=$(echo "$out" | awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}')
    echo "$rps $p99"
}
unpack() { # archive dir
    rm -rf "$2"; mkdir -p "$2"; tar xzf "$1" -C "$2"; ls -d "$2"/*/ | head -n 1
}
stop_pid() {
    kill "$1" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
    kill -9 "$1" 2>/dev/null || true
}

declare -A BOOT RSS LIVE
results=()
# The areas each role boots (as itests' ArmadaKarafTestSupport.roleAreas)
declare -A ROLE_AREAS=([node]="core monitor" [server]="core monitor agents ports blocklists counters")
all_areas_live() { # http role
    local body a
    body=$(curl -s "http://127.0.0.1:$1/health") || return 1
    for a in ${ROLE_AREAS[$2]}; do
        case "$body" in *"\"$a\""*) ;; *) return 1 ;; esac
    done
}

run_armada() { # role http ssh
    local role=$1 http=$2 ssh=$3 boots=() lives=() rsss=() home pid
    for rep in $(seq 1 "$REPS"); do
        home=$(unpack "$ARCHIVE" "$WORK/$role")
        local t0; t0=$(now)
        (cd "$home" && ARMADA_ROLE=$role ARMADA_HTTP_PORT=$http ARMADA_SSH_PORT=$ssh bin/start)
        wait_http "http://127.0.0.1:$http/health" 120 || { echo "$role did not start"; exit 1; }
        boots+=("$(printf "%.2f" "$(echo "$(now) - $t0" | bc)")")
        local live_end=$(( $(date +%s) + 120 ))
        until all_areas_live "$http" "$role"; do
            [ "$(date +%s)" -lt "$live_end" ] || { echo "$role: not every area came up"; exit 1; }
            sleep 0.1
        done
        lives+=("$(printf "%.2f" "$(echo "$(now) - $t0" | bc)")")
        pid=$(cat "$home/karaf.pid")
        sleep "$IDLE"
        rsss+=("$(rss_mib "$pid")")
        if [ "$rep" -lt "$REPS" ]; then stop_pid "$pid"; fi
    done
    # the node's boot figure comes from the boot pairs beside vanilla (boot_pairs)
    if [ "$role" = server ]; then BOOT[$role]=$(printf '%s\n' "${boots[@]}" | median); fi
    RSS[$role]=$(printf '%s\n' "${rsss[@]}" | median)
    LIVE[$role]=$(printf '%s\n' "${lives[@]}" | median)
    echo "  $role: boot ${boots[*]} s, every area live ${lives[*]} s, idle RSS ${rsss[*]} MiB"
    # HTTP figures on the last instance, after one warm-up run
    local token hr=() hp=() ar=() ap=()
    token=$(sed -n 's/^token *= *//p' "$home/etc/io.armada.security.cfg")
    if [ "$role" = server ]; then
        cp "$TESTAREA" "$home/deploy/"
        wait_http "http://127.0.0.1:$http/testarea/egg/ping?ticket=$token" 60 || { echo "test area not deployed"; exit 1; }
        wrk_run "http://127.0.0.1:$http/testarea/egg/ping" "X-Armada-Token: $token" >/dev/null
    fi
    wrk_run "http://127.0.0.1:$http/health" >/dev/null
    for rep in $(seq 1 "$REPS"); do
        read -r r p <<<"$(wrk_run "http://127.0.0.1:$http/health")"; hr+=("$r"); hp+=("$p")
        if [ "$role" = server ]; then
            read -r r p <<<"$(wrk_run "http://127.0.0.1:$http/testarea/egg/ping" "X-Armada-Token: $token")"; ar+=("$r"); ap+=("$p")
        fi
    done
    H_RPS[$role]=$(printf '%s\n' "${hr[@]}" | median); H_P99[$role]=$(printf '%s\n' "${hp[@]}" | median)
    echo "  $role /health: ${hr[*]} req/s, p99 ${hp[*]} ms"
    if [ "$role" = server ]; then
        A_RPS=$(printf '%s\n' "${ar[@]}" | median); A_P99=$(printf '%s\n' "${ap[@]}" | median)
        echo "  $role /testarea/egg/ping (token): ${ar[*]} req/s, p99 ${ap[*]} ms"
    fi
    stop_pid "$pid"
}

run_vanilla() {
    local boots=() rsss=() home pid
    for rep in $(seq 1 "$REPS"); do
        home=$(unpack "$VANILLA" "$WORK/vanilla")
        sed -i "s/^sshPort *=.*/sshPort = $VANILLA_SSH/" "$home/etc/org.apache.karaf.shell.cfg"
        local t0; t0=$(now)
        (cd "$home" && bin/start)
        wait_port "$VANILLA_SSH" 120 || { echo "vanilla Karaf did not start"; exit 1; }
        boots+=("$(printf "%.2f" "$(echo "$(now) - $t0" | bc)")")
        pid=$(cat "$home/karaf.pid")
        sleep "$IDLE"
        rsss+=("$(rss_mib "$pid")")
        stop_pid "$pid"
    done
    RSS[vanilla]=$(printf '%s\n' "${rsss[@]}" | median)
    echo "  vanilla: boot to SSH ${boots[*]} s, idle RSS ${rsss[*]} MiB"
}

# Boot to first sign of life, vanilla Karaf (SSH port) and the node (/health 200), in pairs one right after the
# other, the order alternating, so both meet the same load of this (shared) machine; medians of PAIRS each.
boot_pairs() {
    local vb=() nb=() wins=0 v n
    boot_vanilla() {
        local home pid t0
        home=$(unpack "$VANILLA" "$WORK/vanilla")
        sed -i "s/^sshPort *=.*/sshPort = $VANILLA_SSH/" "$home/etc/org.apache.karaf.shell.cfg"
        t0=$(now)
        (cd "$home" && bin/start) >/dev/null
        wait_port "$VANILLA_SSH" 120 >/dev/null || { echo "vanilla Karaf did not start" >&2; exit 1; }
        printf "%.2f" "$(echo "$(now) - $t0" | bc)"
        pid=$(cat "$home/karaf.pid"); stop_pid "$pid"
    }
    boot_node() {
        local home pid t0
        home=$(unpack "$ARCHIVE" "$WORK/node")
        t0=$(now)
        (cd "$home" && ARMADA_ROLE=node ARMADA_HTTP_PORT=$NODE_HTTP ARMADA_SSH_PORT=$NODE_SSH bin/start) >/dev/null
        wait_http "http://127.0.0.1:$NODE_HTTP/health" 120 >/dev/null || { echo "node did not start" >&2; exit 1; }
        printf "%.2f" "$(echo "$(now) - $t0" | bc)"
        pid=$(cat "$home/karaf.pid"); stop_pid "$pid"
    }
    for rep in $(seq 1 "$PAIRS"); do
        if [ $((rep % 2)) = 1 ]; then v=$(boot_vanilla); n=$(boot_node); else n=$(boot_node); v=$(boot_vanilla); fi
        vb+=("$v"); nb+=("$n")
        if [ "$(echo "$n <= $v" | bc)" = 1 ]; then wins=$((wins + 1)); fi
    done
    BOOT[vanilla]=$(printf '%s\n' "${vb[@]}" | median)
    BOOT[node]=$(printf '%s\n' "${nb[@]}" | median)
    PAIR_WINS="$wins of $PAIRS"
    echo "  boot pairs: vanilla to SSH ${vb[*]} s; node to /health ${nb[*]} s; node first or even in $PAIR_WINS"
}

declare -A H_RPS H_P99
A_RPS=; A_P99=
echo "Foundation benchmark ($REPS repetitions, idle ${IDLE}s, wrk -t2 -c20 -d$WRK_D) on $(nproc) cores"
PAIR_WINS=
boot_pairs
run_vanilla
run_armada node "$NODE_HTTP" "$NODE_SSH"
run_armada server "$HTTP" "$SSH"

ratio=$(echo "scale=3; $A_RPS / ${H_RPS[server]}" | bc)
echo
echo "== medians ==================================================================================="
printf '%-42s %12s %12s %s\n' "figure" "armada" "floor/peer" "target"
printf '%-42s %12s %12s %s\n' "node: bin/start -> /health 200 (s)" "${BOOT[node]}" "${BOOT[vanilla]}" "<= vanilla boot to SSH (pairs: $PAIR_WINS)"
printf '%-42s %12s %12s %s\n' "server: bin/start -> /health 200 (s)" "${BOOT[server]}" "${BOOT[vanilla]}" "<= 12 s"
printf '%-42s %12s %12s %s\n' "node: bin/start -> core, monitor live (s)" "${LIVE[node]}" "-" "-"
printf '%-42s %12s %12s %s\n' "server: bin/start -> all 6 areas live (s)" "${LIVE[server]}" "-" "<= 12 s as well"
printf '%-42s %12s %12s %s\n' "node: idle RSS after ${IDLE}s (MiB)" "${RSS[node]}" "${RSS[vanilla]}" "< 160 MiB"
printf '%-42s %12s %12s %s\n' "server: idle RSS after ${IDLE}s (MiB)" "${RSS[server]}" "${RSS[vanilla]}" "-"
printf '%-42s %12s %12s %s\n' "node: GET /health req/s (p99 ms)" "${H_RPS[node]} (${H_P99[node]})" "-" "-"
printf '%-42s %12s %12s %s\n' "server: GET /health req/s (p99 ms)" "${H_RPS[server]} (${H_P99[server]})" "-" "~3,500 (trivial JAX-RS)"
printf '%-42s %12s %12s %s\n' "server: token route req/s (p99 ms)" "$A_RPS ($A_P99)" "${H_RPS[server]}" ">= 85% of /health"
printf '%-42s %12s\n' "token route / health" "$ratio"
