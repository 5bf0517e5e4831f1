package io.armada.monitor.internal;

import static io.armada.monitor.internal.ProcMetrics.fields;
import static io.armada.monitor.internal.ProcMetrics.parseLong;

/** {@code /proc/sys/fs/file-nr}: node_exporter's filefd collector. */
final class ProcFileNr {
    private ProcFileNr() {
    }

    /** {@code /proc/sys/fs/file-nr}: allocated, unused, maximum. */
    static boolean filefd(String text, MetricsText m) {
        String[] f = fields(text);
        if (f.length < 3) {
            return false;
        }
        m.family("node_filefd_allocated", "gauge", "File descriptor statistics: allocated.")
                .sample("node_filefd_allocated", (long) parseLong(f[0]));
        m.family("node_filefd_maximum", "gauge", "File descriptor statistics: maximum.")
                .sample("node_filefd_maximum", (long) parseLong(f[2]));
        return true;
    }
}
