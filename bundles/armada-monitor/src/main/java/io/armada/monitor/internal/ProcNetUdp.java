package io.armada.monitor.internal;

import static io.armada.monitor.internal.ProcMetrics.fields;

/** {@code /proc/net/udp} and {@code udp6}: node_exporter's udp_queues collector. */
final class ProcNetUdp {
    private ProcNetUdp() {
    }

    /** Sums of the tx_queue and rx_queue columns of a {@code /proc/net/udp} table: {@code {tx, rx}}. */
    static long[] udpQueues(String text) {
        long[] q = new long[2];
        String[] lines = text.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = fields(lines[i]);
            if (f.length > 4) {
                int colon = f[4].indexOf(':');
                if (colon > 0) {
                    q[0] += Long.parseLong(f[4].substring(0, colon), 16);
                    q[1] += Long.parseLong(f[4].substring(colon + 1), 16);
                }
            }
        }
        return q;
    }

    /** {@code node_udp_queues{ip,queue}} of the IPv4 and (when present) IPv6 tables. */
    static boolean udpQueues(String udp, String udp6, MetricsText m) {
        if (udp == null && udp6 == null) {
            return false;
        }
        m.family("node_udp_queues", "gauge", "Number of allocated memory in the kernel for UDP datagrams in bytes.");
        String[] ips = {"v4", "v6"};
        String[] tables = {udp, udp6};
        for (int i = 0; i < 2; i++) {
            if (tables[i] != null) {
                long[] q = udpQueues(tables[i]);
                m.sample("node_udp_queues", q[1], "ip", ips[i], "queue", "rx");
                m.sample("node_udp_queues", q[0], "ip", ips[i], "queue", "tx");
            }
        }
        return true;
    }
}
