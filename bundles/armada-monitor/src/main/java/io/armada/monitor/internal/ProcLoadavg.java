package io.armada.monitor.internal;

import static io.armada.monitor.internal.ProcMetrics.fields;

/** {@code /proc/loadavg}: node_exporter's loadavg collector. */
final class ProcLoadavg {
    private ProcLoadavg() {
    }

    /** {@code /proc/loadavg}. */
    static boolean loadavg(String text, MetricsText m) {
        String[] f = fields(text);
        if (f.length < 3) {
            return false;
        }
        String[] minutes = {"1", "5", "15"};
        for (int i = 0; i < 3; i++) {
            String name = "node_load" + minutes[i];
            m.family(name, "gauge", minutes[i] + "m load average.").sample(name, Double.parseDouble(f[i]));
        }
        return true;
    }
}
