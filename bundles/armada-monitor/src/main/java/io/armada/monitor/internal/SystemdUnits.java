package io.armada.monitor.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The systemd collector's figures where systemd runs: units per active state ({@code node_systemd_units{state}}) and
 * the sockets' connection counters. They come from two {@code systemctl} calls, which never run on the request
 * path: a scrape takes the last snapshot and, when it is older than {@link #MAX_AGE_MS}, asks the monitor's thread
 * for a new one (so the first scrape after start has no systemd series yet, the next one has).
 */
final class SystemdUnits {
    static final long MAX_AGE_MS = 15_000;
    /** node_exporter's {@code --collector.systemd.unit-exclude} default. */
    static final Pattern UNIT_EXCLUDE = Pattern.compile(".+\\.(automount|device|mount|scope|slice)");
    static final String[] STATES = {"activating", "active", "deactivating", "failed", "inactive"};

    /** One socket unit's counters. */
    record Socket(String name, long accepted, long connections, long refused) {
    }

    /** What systemctl said: unit count per active state, the sockets. */
    record Snapshot(long millis, Map<String, Long> units, List<Socket> sockets) {
    }

    private final ServiceStates services;
    private final Consumer<Runnable> monitorThread;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Snapshot latest;

    SystemdUnits(ServiceStates services, Consumer<Runnable> monitorThread) {
        this.services = services;
        this.monitorThread = monitorThread;
    }

    /** The last snapshot (null before the first, or where systemd does not run); a stale one is refreshed later. */
    Snapshot snapshot() {
        if (!services.systemd()) {
            return null;
        }
        Snapshot s = latest;
        if ((s == null || System.currentTimeMillis() - s.millis() > MAX_AGE_MS) && refreshing.compareAndSet(false, true)) {
            monitorThread.accept(() -> {
                try {
                    latest = read();
                } finally {
                    refreshing.set(false);
                }
            });
        }
        return s;
    }

    private Snapshot read() {
        CommandRunner.Result units = services.systemctl("list-units", "--all", "--plain", "--no-legend", "--no-pager",
                "--full");
        CommandRunner.Result sockets = services.systemctl("show", "--property=Id,NAccepted,NConnections,NRefused",
                "--no-pager", "--", "*.socket");
        return new Snapshot(System.currentTimeMillis(), units.exit() == 0 ? unitStates(units.output()) : Map.of(),
                sockets.exit() == 0 ? sockets(sockets.output()) : List.of());
    }

    /**
     * {@code systemctl list-units --all --plain --no-legend} ("UNIT LOAD ACTIVE SUB DESCRIPTION" lines): units per
     * active state, every state of {@link #STATES} present (0 when none), units node_exporter excludes left out.
     */
    static Map<String, Long> unitStates(String listUnits) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String s : STATES) {
            out.put(s, 0L);
        }
        for (String line : listUnits.split("\n")) {
            String[] f = ProcMetrics.fields(line.replace("●", " "));
            if (f.length < 4 || UNIT_EXCLUDE.matcher(f[0]).matches()) {
                continue;
            }
            out.computeIfPresent(f[2], (k, v) -> v + 1);
        }
        return out;
    }

    /** {@code systemctl show --property=Id,NAccepted,NConnections,NRefused} blocks of socket units. */
    static List<Socket> sockets(String show) {
        List<Socket> out = new ArrayList<>();
        Map<String, String> cur = new LinkedHashMap<>();
        for (String line : (show + "\n\n").split("\n", -1)) {
            String l = line.trim();
            if (l.isEmpty()) {
                Long a = ProcMetrics.parseLong(cur.getOrDefault("NAccepted", ""));
                Long c = ProcMetrics.parseLong(cur.getOrDefault("NConnections", ""));
                Long r = ProcMetrics.parseLong(cur.getOrDefault("NRefused", ""));
                String id = cur.get("Id");
                if (id != null && a != null && c != null) {
                    out.add(new Socket(id, a, c, r == null ? -1 : r));
                }
                cur.clear();
                continue;
            }
            int eq = l.indexOf('=');
            if (eq > 0) {
                cur.put(l.substring(0, eq), l.substring(eq + 1));
            }
        }
        return out;
    }

    /** The systemd collector's families from a snapshot. */
    static boolean write(Snapshot s, MetricsText m) {
        if (s == null || s.units().isEmpty()) {
            return false;
        }
        m.family("node_systemd_units", "gauge", "Summary of systemd unit states");
        for (Map.Entry<String, Long> e : s.units().entrySet()) {
            m.sample("node_systemd_units", (long) e.getValue(), "state", e.getKey());
        }
        if (!s.sockets().isEmpty()) {
            m.family("node_systemd_socket_accepted_connections_total", "counter", "Total number of accepted socket connections");
            for (Socket k : s.sockets()) {
                m.sample("node_systemd_socket_accepted_connections_total", k.accepted(), "name", k.name());
            }
            m.family("node_systemd_socket_current_connections", "gauge", "Current number of socket connections");
            for (Socket k : s.sockets()) {
                m.sample("node_systemd_socket_current_connections", k.connections(), "name", k.name());
            }
            m.family("node_systemd_socket_refused_connections_total", "gauge", "Total number of refused socket connections");
            for (Socket k : s.sockets()) {
                if (k.refused() >= 0) {
                    m.sample("node_systemd_socket_refused_connections_total", k.refused(), "name", k.name());
                }
            }
        }
        return true;
    }
}
