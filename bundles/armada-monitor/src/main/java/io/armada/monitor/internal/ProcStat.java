package io.armada.monitor.internal;

import static io.armada.monitor.internal.ProcMetrics.fields;
import static io.armada.monitor.internal.ProcMetrics.parseLong;

import java.util.ArrayList;
import java.util.List;

/** {@code /proc/stat}: node_exporter's cpu and stat collectors. */
final class ProcStat {
    private static final String[] CPU_MODES = {"user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"};

    private ProcStat() {
    }

    /**
     * {@code /proc/stat}: the cpu collector ({@code node_cpu_seconds_total{cpu,mode}},
     * {@code node_cpu_guest_seconds_total{cpu,mode}}, from clock ticks of {@code userHz}) and the stat collector
     * (interrupts, context switches, boot time, forks, processes running and blocked).
     */
    static boolean cpu(String text, long userHz, MetricsText m) {
        List<String[]> cpus = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("cpu") && line.length() > 3 && Character.isDigit(line.charAt(3))) {
                cpus.add(fields(line));
            }
        }
        if (cpus.isEmpty()) {
            return false;
        }
        double hz = userHz;
        m.family("node_cpu_seconds_total", "counter", "Seconds the CPUs spent in each mode.");
        for (String[] f : cpus) {
            String cpu = f[0].substring(3);
            for (int i = 0; i < CPU_MODES.length && i + 1 < f.length; i++) {
                Long v = parseLong(f[i + 1]);
                if (v != null) {
                    m.sample("node_cpu_seconds_total", v / hz, "cpu", cpu, "mode", CPU_MODES[i]);
                }
            }
        }
        if (cpus.get(0).length > 10) {
            m.family("node_cpu_guest_seconds_total", "counter", "Seconds the CPUs spent in guests (VMs) for each mode.");
            for (String[] f : cpus) {
                String cpu = f[0].substring(3);
                Long guest = parseLong(f[9]);
                Long guestNice = parseLong(f[10]);
                if (guest != null && guestNice != null) {
                    m.sample("node_cpu_guest_seconds_total", guest / hz, "cpu", cpu, "mode", "user");
                    m.sample("node_cpu_guest_seconds_total", guestNice / hz, "cpu", cpu, "mode", "nice");
                }
            }
        }
        return true;
    }

    static boolean stat(String text, MetricsText m) {
        boolean any = false;
        for (String line : text.split("\n")) {
            String[] f = fields(line);
            if (f.length < 2) {
                continue;
            }
            Long v = parseLong(f[1]);
            if (v == null) {
                continue;
            }
            String[] nameHelpType = switch (f[0]) {
                case "intr" -> new String[] {"node_intr_total", "Total number of interrupts serviced.", "counter"};
                case "ctxt" -> new String[] {"node_context_switches_total", "Total number of context switches.", "counter"};
                case "btime" -> new String[] {"node_boot_time_seconds", "Node boot time, in unixtime.", "gauge"};
                case "processes" -> new String[] {"node_forks_total", "Total number of forks.", "counter"};
                case "procs_running" -> new String[] {"node_procs_running", "Number of processes in runnable state.", "gauge"};
                case "procs_blocked" -> new String[] {"node_procs_blocked",
                    "Number of processes blocked waiting for I/O to complete.", "gauge"};
                default -> null;
            };
            if (nameHelpType != null) {
                m.family(nameHelpType[0], nameHelpType[2], nameHelpType[1]).sample(nameHelpType[0], (long) v);
                any = true;
            }
        }
        return any;
    }
}
