package io.armada.monitor.internal;

import static io.armada.monitor.internal.ProcMetrics.fields;
import static io.armada.monitor.internal.ProcMetrics.parseLong;

/** {@code /proc/pressure/*}: node_exporter's pressure collector. */
final class ProcPressure {
    private ProcPressure() {
    }

    /**
     * One {@code /proc/pressure/<resource>} file: {@code some} totals are the "waiting" counters, {@code full} the
     * "stalled" ones (CPU: only some; IRQ: only full), in seconds.
     */
    static boolean pressure(String resource, String text, MetricsText m) {
        boolean any = false;
        for (String line : text.split("\n")) {
            String[] f = fields(line);
            if (f.length == 0) {
                continue;
            }
            String total = null;
            for (String kv : f) {
                if (kv.startsWith("total=")) {
                    total = kv.substring(6);
                }
            }
            Long micros = total == null ? null : parseLong(total);
            if (micros == null) {
                continue;
            }
            String name;
            String help;
            String what = switch (resource) {
                case "cpu" -> "for CPU time";
                case "io" -> "due to IO congestion";
                case "memory" -> "for memory";
                default -> "due to IRQ";
            };
            String stalledWhy = switch (resource) {
                case "io" -> "due to IO congestion";
                case "memory" -> "due to memory congestion";
                default -> "due to IRQ";
            };
            if (f[0].equals("some") && !resource.equals("irq")) {
                name = "node_pressure_" + resource + "_waiting_seconds_total";
                help = "Total time in seconds that processes have waited " + what;
            } else if (f[0].equals("full") && !resource.equals("cpu")) {
                name = "node_pressure_" + resource + "_stalled_seconds_total";
                help = "Total time in seconds no process could make progress " + stalledWhy;
            } else {
                continue;
            }
            m.family(name, "counter", help).sample(name, micros / 1e6);
            any = true;
        }
        return any;
    }
}
