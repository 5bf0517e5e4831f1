package io.armada.monitor.internal;

import java.util.Map;

/** {@code /proc/net/dev}: node_exporter's netdev collector. */
final class ProcNetDev {
    private static final String[] NETDEV_FIELDS = {"receive_bytes", "receive_packets", "receive_errs", "receive_drop",
        "receive_fifo", "receive_frame", "receive_compressed", "receive_multicast", "transmit_bytes", "transmit_packets",
        "transmit_errs", "transmit_drop", "transmit_fifo", "transmit_colls", "transmit_carrier", "transmit_compressed"};

    private ProcNetDev() {
    }

    /** {@code /proc/net/dev}: the 16 counters of every interface, {@code node_network_<field>_total{device}}. */
    static boolean netdev(String text, MetricsText m) {
        Map<String, long[]> devs = ProcFiles.netDev(text);
        if (devs.isEmpty()) {
            return false;
        }
        for (int i = 0; i < NETDEV_FIELDS.length; i++) {
            String name = "node_network_" + NETDEV_FIELDS[i] + "_total";
            m.family(name, "counter", "Network device statistic " + NETDEV_FIELDS[i] + ".");
            for (Map.Entry<String, long[]> d : devs.entrySet()) {
                m.sample(name, d.getValue()[i], "device", d.getKey());
            }
        }
        return true;
    }
}
