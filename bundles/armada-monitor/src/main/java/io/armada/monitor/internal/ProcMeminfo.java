package io.armada.monitor.internal;

import static io.armada.monitor.internal.ProcMetrics.fields;
import static io.armada.monitor.internal.ProcMetrics.parseLong;

/** {@code /proc/meminfo}: node_exporter's meminfo collector. */
final class ProcMeminfo {
    private ProcMeminfo() {
    }

    /** {@code /proc/meminfo}: every field, {@code node_memory_<Field>_bytes} (kB × 1024) or unit-less counts. */
    static boolean meminfo(String text, MetricsText m) {
        boolean any = false;
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String[] f = fields(line.substring(colon + 1));
            Long v = f.length > 0 ? parseLong(f[0]) : null;
            if (v == null) {
                continue;
            }
            String key = line.substring(0, colon).trim().replace('(', '_').replace(")", "");
            double value = v;
            if (f.length > 1 && f[1].equals("kB")) {
                key += "_bytes";
                value = v * 1024.0;
            }
            String name = "node_memory_" + key;
            m.family(name, "gauge", "Memory information field " + key + ".").sample(name, value);
            any = true;
        }
        return any;
    }
}
