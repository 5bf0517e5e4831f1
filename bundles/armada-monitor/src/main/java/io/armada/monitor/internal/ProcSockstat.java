package io.armada.monitor.internal;

import static io.armada.monitor.internal.ProcMetrics.fields;
import static io.armada.monitor.internal.ProcMetrics.parseLong;

/** {@code /proc/net/sockstat} and {@code sockstat6}: node_exporter's sockstat collector. */
final class ProcSockstat {
    private ProcSockstat() {
    }

    /**
     * {@code /proc/net/sockstat} and {@code sockstat6}: {@code node_sockstat_<PROTO>_<state>}, {@code mem} also in
     * bytes ({@code pageSize}); {@code sockets: used} is {@code node_sockstat_sockets_used}.
     */
    static boolean sockstat(String text, long pageSize, MetricsText m) {
        boolean any = false;
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String proto = line.substring(0, colon).trim();
            String[] f = fields(line.substring(colon + 1));
            for (int i = 0; i + 1 < f.length; i += 2) {
                Long v = parseLong(f[i + 1]);
                if (v == null) {
                    continue;
                }
                if (proto.equals("sockets") && f[i].equals("used")) {
                    m.family("node_sockstat_sockets_used", "gauge", "Number of IPv4 sockets in use.")
                            .sample("node_sockstat_sockets_used", (long) v);
                    any = true;
                    continue;
                }
                String name = "node_sockstat_" + proto + "_" + f[i];
                m.family(name, "gauge", "Number of " + proto + " sockets in state " + f[i] + ".").sample(name, (long) v);
                if (f[i].equals("mem")) {
                    m.family(name + "_bytes", "gauge", "Number of " + proto + " sockets in state mem_bytes.")
                            .sample(name + "_bytes", v * pageSize);
                }
                any = true;
            }
        }
        return any;
    }
}
