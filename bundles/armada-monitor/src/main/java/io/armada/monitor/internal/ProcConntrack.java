package io.armada.monitor.internal;

import static io.armada.monitor.internal.ProcMetrics.fields;
import static io.armada.monitor.internal.ProcMetrics.parseLong;

/** {@code /proc/sys/net/netfilter/nf_conntrack_*} and {@code /proc/net/stat/nf_conntrack}: node_exporter's conntrack collector. */
final class ProcConntrack {
    private static final String[][] CONNTRACK_STATS = {
        {"found", "Number of searched entries which were successful."},
        {"invalid", "Number of packets seen which can not be tracked."},
        {"ignore", "Number of packets seen which are already connected to a conntrack entry."},
        {"insert", "Number of entries inserted into the list."},
        {"insert_failed", "Number of entries for which list insertion was attempted but failed."},
        {"drop", "Number of packets dropped due to conntrack failure."},
        {"early_drop", "Number of dropped conntrack entries to make room for new ones, if maximum table size was reached."},
        {"search_restart", "Number of conntrack table lookups which had to be restarted due to hashtable resizes."},
    };

    private ProcConntrack() {
    }

    /** Conntrack: the entry count and limit, and the per-CPU statistics of {@code /proc/net/stat/nf_conntrack} summed. */
    static boolean conntrack(String count, String max, String stat, MetricsText m) {
        Long entries = count == null ? null : parseLong(count.trim());
        Long limit = max == null ? null : parseLong(max.trim());
        if (entries == null || limit == null) {
            return false;
        }
        m.family("node_nf_conntrack_entries", "gauge",
                "Number of currently allocated flow entries for connection tracking.").sample("node_nf_conntrack_entries", (long) entries);
        m.family("node_nf_conntrack_entries_limit", "gauge", "Maximum size of connection tracking table.")
                .sample("node_nf_conntrack_entries_limit", (long) limit);
        if (stat != null) {
            String[] lines = stat.split("\n");
            String[] header = lines.length > 0 ? fields(lines[0]) : new String[0];
            for (String[] s : CONNTRACK_STATS) {
                int col = java.util.Arrays.asList(header).indexOf(s[0]);
                if (col < 0) {
                    continue;
                }
                long sum = 0;
                for (int i = 1; i < lines.length; i++) {
                    String[] f = fields(lines[i]);
                    if (col < f.length) {
                        sum += Long.parseLong(f[col], 16);
                    }
                }
                String name = "node_nf_conntrack_stat_" + s[0];
                m.family(name, "gauge", s[1]).sample(name, sum);
            }
        }
        return true;
    }
}
