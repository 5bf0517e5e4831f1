package io.armada.monitor.internal;

import static io.armada.monitor.internal.ProcMetrics.fields;

import java.util.ArrayList;
import java.util.List;

/** {@code /proc/schedstat}: node_exporter's schedstat collector. */
final class ProcSchedstat {
    private ProcSchedstat() {
    }

    /** {@code /proc/schedstat} (version 15+): per CPU running and waiting time, time slices. */
    static boolean schedstat(String text, MetricsText m) {
        List<String[]> cpus = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = fields(line);
            if (f.length >= 10 && f[0].startsWith("cpu") && f[0].length() > 3) {
                cpus.add(f);
            }
        }
        if (cpus.isEmpty()) {
            return false;
        }
        m.family("node_schedstat_running_seconds_total", "counter", "Number of seconds CPU spent running a process.");
        for (String[] f : cpus) {
            m.sample("node_schedstat_running_seconds_total", Long.parseLong(f[7]) / 1e9, "cpu", f[0].substring(3));
        }
        m.family("node_schedstat_waiting_seconds_total", "counter",
                "Number of seconds spent by processing waiting for this CPU.");
        for (String[] f : cpus) {
            m.sample("node_schedstat_waiting_seconds_total", Long.parseLong(f[8]) / 1e9, "cpu", f[0].substring(3));
        }
        m.family("node_schedstat_timeslices_total", "counter", "Number of timeslices executed by CPU.");
        for (String[] f : cpus) {
            m.sample("node_schedstat_timeslices_total", Long.parseLong(f[9]), "cpu", f[0].substring(3));
        }
        return true;
    }
}
