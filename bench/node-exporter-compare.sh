#!/usr/bin/env bash
# Our node's /metrics beside node_exporter's on this machine (issue 19):
#   - every metric name of the "Node Exporter Full" dashboard (bench/node-dashboard-panels.tsv) that node_exporter
#     serves here, we serve too, with the same label keys;
#   - gauges that do not move agree (MemTotal, SwapTotal, the root file system's size, boot time, fd and conntrack
#     limits, entropy pool size, MTUs);
#   - panels of the dashboard with data (every name of at least one of a panel's query targets served): ours and
#     node_exporter's, and the host selector (node_uname_info with job-independent labels nodename/instance);
#   - `promtool check metrics` on both pages: format errors (none allowed) apart from lint (node_exporter's own
#     camelCase names such as node_memory_MemTotal_bytes are expected lint).
# Installs Debian's prometheus-node-exporter and prometheus (for promtool) when missing; builds the archive (mvn
# verify -DskipTests, never install) when it is missing. Loopback only, on free ports; stops what it started.
# Exit status 0 when every check passes.
#
#   bench/node-exporter-compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=$ROOT/bench/out/node-exporter-compare
PANELS=$ROOT/bench/node-dashboard-panels.tsv
mkdir -p "$WORK"

need() { command -v "$1" >/dev/null 2>&1; }
install_pkg() { # package
    echo "installing $1 from Debian..."
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    local policy=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then # no service started by the package
        policy=/usr/sbin/policy-rc.d
        printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null && $sudo chmod +x "$policy"
    fi
    ($sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$1") >/dev/null
    [ -z "$policy" ] || $sudo rm -f "$policy"
}
NODE_EXPORTER=$(command -v prometheus-node-exporter || true)
if [ -z "$NODE_EXPORTER" ]; then
    install_pkg prometheus-node-exporter
    NODE_EXPORTER=$(command -v prometheus-node-exporter)
fi
need promtool || install_pkg prometheus
ARCHIVE=$(ls karaf-distribution/target/armada-*.tar.gz 2>/dev/null | head -n 1 || true)
if [ -z "$ARCHIVE" ]; then
    echo "building the archive..."
    mvn -B -q -ntp verify -DskipTests >/dev/null
    ARCHIVE=$(ls karaf-distribution/target/armada-*.tar.gz | head -n 1)
fi

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
wait_http() { # url deadline-seconds [header]
    local end=$(( $(date +%s) + $2 ))
    while [ "$(date +%s)" -lt "$end" ]; do
        [ "$(curl -s -o /dev/null -w '%{http_code}' ${3:+-H "$3"} "$1")" = 200 ] && return 0
        sleep 0.2
    done
    return 1
}
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${PIDS[@]}"; do
        for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$p" 2>/dev/null || true
    done
}
trap cleanup EXIT

# ---- an Armada node on loopback (no server to report to) ----
HTTP=$(free_port); SSH=$(free_port)
rm -rf "$WORK/node"; mkdir -p "$WORK/node"; tar xzf "$ARCHIVE" -C "$WORK/node"
HOME_DIR=$(ls -d "$WORK"/node/*/ | head -n 1)
(cd "$HOME_DIR" && ARMADA_ROLE=node ARMADA_HTTP_PORT=$HTTP ARMADA_SSH_PORT=$SSH bin/start)
wait_http "http://127.0.0.1:$HTTP/health" 120 || { echo "the node did not start"; exit 1; }
PIDS+=("$(cat "$HOME_DIR/karaf.pid")")
TOKEN=$(sed -n 's/^token *= *//p' "$HOME_DIR/etc/io.armada.security.cfg")
# as Prometheus sends it with authorization.credentials_file: a Bearer token
AUTH="Authorization: Bearer $TOKEN"
wait_http "http://127.0.0.1:$HTTP/metrics" 60 "$AUTH" || { echo "/metrics is not served with a Bearer token"; exit 1; }

# ---- node_exporter ----
NE_PORT=$(free_port)
"$NODE_EXPORTER" --web.listen-address="127.0.0.1:$NE_PORT" >"$WORK/node_exporter.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$NE_PORT/metrics" 30 || { echo "node_exporter did not start"; exit 1; }

sleep 2 # a second scrape of ours then has the figures read on the monitor thread (systemd, where it runs)
curl -sf -H "$AUTH" "http://127.0.0.1:$HTTP/metrics" >/dev/null
sleep 1.1
curl -sf -H "$AUTH" "http://127.0.0.1:$HTTP/metrics" >"$WORK/armada.txt"
curl -sf "http://127.0.0.1:$NE_PORT/metrics" >"$WORK/node_exporter.txt"
echo "Node Exporter Full against an Armada node and node_exporter ($("$NODE_EXPORTER" --version 2>&1 | head -n 1 | awk '{print $3}')) on $(hostname), $(nproc) cores"
echo "  pages: ours $(wc -c <"$WORK/armada.txt") bytes, $(grep -vc '^#' "$WORK/armada.txt") samples;" \
    "node_exporter's $(wc -c <"$WORK/node_exporter.txt") bytes, $(grep -vc '^#' "$WORK/node_exporter.txt") samples"

# ---- promtool ----
promtool_check() { # page -> prints "format-errors lint-findings", keeps promtool's output beside the page
    local out
    out=$(promtool check metrics <"$1" 2>&1 || true)
    printf '%s\n' "$out" >"$1.promtool"
    local errors lint
    errors=$(printf '%s\n' "$out" | grep -ciE 'error while linting|parsing error|text format|invalid|unexpected' || true)
    lint=$(printf '%s\n' "$out" | grep -c . || true)
    echo "$errors $(( lint - errors ))"
}
read -r A_ERR A_LINT <<<"$(promtool_check "$WORK/armada.txt")"
read -r E_ERR E_LINT <<<"$(promtool_check "$WORK/node_exporter.txt")"

python3 - "$WORK/armada.txt" "$WORK/node_exporter.txt" "$PANELS" "$A_ERR" "$A_LINT" "$E_ERR" "$E_LINT" <<'EOF'
import re, sys
ours_f, ne_f, panels_f, a_err, a_lint, e_err, e_lint = sys.argv[1:]
line_re = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)')
label_re = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')
def parse(path):
    series = {}
    for line in open(path, encoding='utf-8'):
        if line.startswith('#'):
            continue
        m = line_re.match(line)
        if not m:
            continue
        labels = tuple(label_re.findall(m.group(3) or ''))
        series.setdefault(m.group(1), []).append((dict(labels), float(m.group(4))))
    return series
ours, ne = parse(ours_f), parse(ne_f)
panels = []
for line in open(panels_f, encoding='utf-8'):
    if line.startswith('#') or not line.strip():
        continue
    row, title, targets = line.rstrip('\n').split('\t')
    panels.append((row, title, [t.split(',') for t in targets.split(' | ') if t]))
dashboard = sorted({n for _, _, ts in panels for t in ts for n in t})
failed = []
def keys(s, name):
    return sorted({tuple(sorted(l.keys())) for l, _ in s[name]})

served_by_ne = [n for n in dashboard if n in ne]
missing = [n for n in served_by_ne if n not in ours]
label_diff = [(n, keys(ne, n), keys(ours, n)) for n in served_by_ne if n in ours and keys(ne, n) != keys(ours, n)]
extra = [n for n in dashboard if n in ours and n not in ne]
print(f"  dashboard names: {len(dashboard)}; node_exporter serves {len(served_by_ne)} here, we serve "
      f"{len(served_by_ne) - len(missing)} of them (+{len(extra)} it does not: {', '.join(extra) or '-'})")
for n in missing:
    print(f"    MISSING {n}")
for n, a, b in label_diff:
    print(f"    LABELS {n}: node_exporter {a}, ours {b}")
if missing or label_diff:
    failed.append('dashboard names and label keys')
all_ne = [n for n in ne if n.startswith('node_') and not n.startswith('node_exporter_')]
print(f"  every node_* name of node_exporter's page: {len(all_ne)}, we serve {sum(1 for n in all_ne if n in ours)}"
      f" (not: {', '.join(sorted(n for n in all_ne if n not in ours)) or '-'})")

def one(s, name, **want):
    for l, v in s.get(name, []):
        if all(l.get(k) == w for k, w in want.items()):
            return v
    return None
steady = [('node_memory_MemTotal_bytes', {}), ('node_memory_SwapTotal_bytes', {}), ('node_memory_HugePages_Total', {}),
          ('node_filesystem_size_bytes', {'mountpoint': '/'}), ('node_boot_time_seconds', {}),
          ('node_filefd_maximum', {}), ('node_entropy_pool_size_bits', {}), ('node_nf_conntrack_entries_limit', {})]
for l, _ in ne.get('node_network_mtu_bytes', []):
    steady.append(('node_network_mtu_bytes', {'device': l['device']}))
print("  steady gauges (ours / node_exporter's):")
for name, want in steady:
    a, e = one(ours, name, **want), one(ne, name, **want)
    if e is None:
        continue
    ok = a is not None and abs(a - e) <= (1.0 if name == 'node_boot_time_seconds' else 0.0)
    sel = ','.join(f'{k}="{v}"' for k, v in want.items())
    print(f"    {'ok  ' if ok else 'DIFF'} {name}{{{sel}}} {a!r} / {e!r}")
    if not ok:
        failed.append(name)

def with_data(s):
    return sum(1 for _, _, ts in panels if any(t and all(n in s for n in t) for t in ts))
a_p, e_p = with_data(ours), with_data(ne)
print(f"  panels with data (of {len(panels)}): ours {a_p}, node_exporter's {e_p}")
if a_p < e_p:
    failed.append('panels')
for row, title, ts in panels:
    if any(t and all(n in ne for n in t) for t in ts) and not any(t and all(n in ours for n in t) for t in ts):
        print(f"    no data from us: {row} / {title}")
u = ours.get('node_uname_info', [])
host_ok = len(u) == 1 and u[0][0].get('nodename') and keys(ours, 'node_uname_info') == keys(ne, 'node_uname_info')
print(f"  host selector: node_uname_info{{nodename=\"{u[0][0].get('nodename') if u else ''}\"}} "
      f"{'ok' if host_ok else 'MISSING'}")
if not host_ok:
    failed.append('node_uname_info')
print(f"  promtool check metrics: ours {a_err} format errors, {a_lint} lint findings; "
      f"node_exporter's {e_err} format errors, {e_lint} lint findings")
if int(a_err) > 0:
    failed.append('promtool format')
print("RESULT: " + ("ok" if not failed else "FAILED: " + ', '.join(failed)))
sys.exit(1 if failed else 0)
EOF
