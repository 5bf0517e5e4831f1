#!/usr/bin/env bash
# Jobs benchmark (issue 17): a rollout over 1,000 simulated nodes (stand-ins as in the agents bench, one listener on the
# wildcard address, each node its own loopback IP 127.1.x.y) in 10 batches of one step that takes 1 s on each node.
#   1. total seconds of the rollout                                         floor: 10 s (10 batches of 1 s)
#   2. the server JVM's threads at the peak, sampled every 100 ms           floor: < 50
#      (of a server at work: the first rollout starts once the server has run 75 s, when the threads its start left
#      for a while have ended; the census of the threads before and at the peak is printed for each run)
#   3. a kill -9 of the server in the middle (while batch 6 runs) and a restart: the task resumes (the batches after
#      the kill run), and no node is called twice; the batch in flight at the kill is not sent again, so it fails and
#      waits for a confirm, which the bench gives                          floor: 0 nodes called twice
#
# Usage: bench/jobs.sh              (3 repetitions of 1 and 2, one of 3)
#        BENCH_QUICK=1 bench/jobs.sh (1 repetition)
# Settings: BENCH_REPEAT, BENCH_NODES (1000), BENCH_BATCHES (10), BENCH_STEP_MS (1000).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/bench/lib.sh"
HERE="$ROOT/bench/jobs"
OUT="$ROOT/bench/out/jobs"
QUICK=${BENCH_QUICK:-0}
REPEAT=${BENCH_REPEAT:-$([ "$QUICK" = 1 ] && echo 1 || echo 3)}
NODES=${BENCH_NODES:-1000}
BATCHES=${BENCH_BATCHES:-10}
STEP_MS=${BENCH_STEP_MS:-1000}
TOKEN=bench-jobs-token-0123456789abcdef

command -v java >/dev/null || { say "java 17 is needed"; exit 1; }
command -v curl >/dev/null || need_apt curl
armada_archive
rm -rf "$OUT"; mkdir -p "$OUT"
HOME_DIR=""
trap 'stop_instance "${HOME_DIR:-}"' EXIT
start_instance "$OUT" "$TOKEN" /api/jobx/project /v1.0/allagents

TOTALS=(); THREADS=()
for r in $(seq 1 "$REPEAT"); do
    java "$HERE/JobsBench.java" "$BASE" "$TOKEN" "$HOME_DIR" "$HTTP_PORT" "$SSH_PORT" "$OUT/data" "$NODES" "$BATCHES" \
        "$STEP_MS" 0 "r$r" > "$OUT/rollout-$r.txt"
    line=$(grep '^RUN ' "$OUT/rollout-$r.txt"); say "run $r: $line"
    TOTALS+=("$(sed 's/.*total_s=\([0-9.]*\).*/\1/' <<<"$line")")
    THREADS+=("$(sed 's/.*threads_max=\([0-9]*\).*/\1/' <<<"$line")")
    BEFORE=$(sed 's/.*threads_before=\([0-9]*\).*/\1/' <<<"$line")
    TWICE=$(sed 's/.*nodes_called_twice=\([0-9]*\).*/\1/' <<<"$line")
    STATUS=$(sed 's/.*status=\([a-z]*\).*/\1/' <<<"$line")
    CONFIRMED=$(sed 's/.*batches_confirmed=\([0-9]*\).*/\1/' <<<"$line")
    say "run $r: threads before: $(sed -n 's/^CENSUS_BEFORE //p' "$OUT/rollout-$r.txt")"
    say "run $r: threads at the peak: $(sed -n 's/^CENSUS_PEAK //p' "$OUT/rollout-$r.txt")"
done
java "$HERE/JobsBench.java" "$BASE" "$TOKEN" "$HOME_DIR" "$HTTP_PORT" "$SSH_PORT" "$OUT/data" "$NODES" "$BATCHES" \
    "$STEP_MS" 1 kill > "$OUT/kill.txt"
KILL=$(grep '^RUN ' "$OUT/kill.txt"); say "kill -9 run: $KILL"

echo
echo "== jobs bench: $NODES nodes, $BATCHES batches, a ${STEP_MS} ms step; medians of $REPEAT run(s)"
printf '%-62s %12s   %s\n' "figure" "median" "floor"
printf '%-62s %12s   %s\n' "rollout total seconds" "$(printf '%s\n' "${TOTALS[@]}" | median)" ">= $((BATCHES * STEP_MS / 1000)) (floor)"
printf '%-62s %12s   %s\n' "server threads at the peak (before: $BEFORE)" "$(printf '%s\n' "${THREADS[@]}" | median)" "< 50"
printf '%-62s %12s   %s\n' "last rollout: status, nodes called twice" "$STATUS, $TWICE" "success, 0"
printf '%-62s %12s   %s\n' "last rollout: batches that failed and were confirmed" "$CONFIRMED" "0"
printf '%-62s %12s   %s\n' "kill -9 mid-run: batches done before the kill" "$(sed 's/.*batches_before_kill=\([0-9-]*\).*/\1/' <<<"$KILL")" "-"
printf '%-62s %12s   %s\n' "kill -9 mid-run: resumed (later batches ran)" "$(sed 's/.*resumed=\([a-z/]*\).*/\1/' <<<"$KILL")" "true"
printf '%-62s %12s   %s\n' "kill -9 mid-run: batches failed besides the one in flight" "$(sed 's/.*batches_confirmed=\([0-9]*\).*/\1/' <<<"$KILL")" "0"
printf '%-62s %12s   %s\n' "kill -9 mid-run: nodes called twice" "$(sed 's/.*nodes_called_twice=\([0-9]*\).*/\1/' <<<"$KILL")" "0"
printf '%-62s %12s   %s\n' "kill -9 mid-run: total seconds (restart included)" "$(sed 's/.*total_s=\([0-9.]*\).*/\1/' <<<"$KILL")" "-"
