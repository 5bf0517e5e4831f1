package io.armada.monitor.internal;

import static io.armada.monitor.internal.ProcMetrics.fields;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /proc/net/arp}: node_exporter's arp collector. */
final class ProcNetArp {
    private ProcNetArp() {
    }

    /** {@code /proc/net/arp}: entries per device. */
    static boolean arp(String text, MetricsText m) {
        Map<String, Long> counts = new LinkedHashMap<>();
        String[] lines = text.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = fields(lines[i]);
            if (f.length >= 6) {
                counts.merge(f[5], 1L, Long::sum);
            }
        }
        m.family("node_arp_entries", "gauge", "ARP entries by device");
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            m.sample("node_arp_entries", (long) e.getValue(), "device", e.getKey());
        }
        return true;
    }
}
