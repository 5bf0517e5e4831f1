package io.armada.monitor.internal;

/**
 * node_exporter's default Linux collectors as plain parsers, one class per file: each takes the text of a {@code /proc}
 * (or {@code /sys}, {@code /etc}) file and writes the families node_exporter 1.5 writes for it, with its names, label
 * keys, units, types and help texts ({@link ProcMeminfo}, {@link ProcStat}, {@link ProcNetstat}, {@link ProcDiskstats},
 * {@link ProcMounts}, ...). A field the text does not have is not written (absent, never zero). No file access there
 * ({@link NodeCollectors} reads the files), so every parser is tested on a fixture. This class holds what they share.
 */
final class ProcMetrics {
    private ProcMetrics() {
    }

    static String[] fields(String line) {
        String t = line.trim();
        return t.isEmpty() ? new String[0] : t.split("\\s+");
    }

    static Long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static void gauge(MetricsText m, String name, String help, double v) {
        m.family(name, "gauge", help).sample(name, v);
    }

    static void counter(MetricsText m, String name, String help, double v) {
        m.family(name, "counter", help).sample(name, v);
    }
}
