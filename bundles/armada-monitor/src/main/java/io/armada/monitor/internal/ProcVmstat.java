package io.armada.monitor.internal;

import static io.armada.monitor.internal.ProcMetrics.fields;
import static io.armada.monitor.internal.ProcMetrics.parseLong;

import java.util.regex.Pattern;

/** {@code /proc/vmstat}: node_exporter's vmstat collector. */
final class ProcVmstat {
    /** node_exporter's {@code --collector.vmstat.fields} default. */
    static final Pattern VMSTAT_FIELDS = Pattern.compile("^(oom_kill|pgpg|pswp|pg.*fault).*");

    private ProcVmstat() {
    }

    /** {@code /proc/vmstat}: the fields of node_exporter's default selection, untyped. */
    static boolean vmstat(String text, MetricsText m) {
        boolean any = false;
        for (String line : text.split("\n")) {
            String[] f = fields(line);
            if (f.length == 2 && VMSTAT_FIELDS.matcher(f[0]).matches()) {
                Long v = parseLong(f[1]);
                if (v != null) {
                    String name = "node_vmstat_" + f[0];
                    m.family(name, "untyped", "/proc/vmstat information field " + f[0] + ".").sample(name, (long) v);
                    any = true;
                }
            }
        }
        return any;
    }
}
