package io.armada.monitor.internal;

import static io.armada.monitor.internal.ProcMetrics.fields;

import java.util.ArrayList;
import java.util.List;

/** {@code /proc/net/softnet_stat}: node_exporter's softnet collector. */
final class ProcSoftnet {
    private ProcSoftnet() {
    }

    /** {@code /proc/net/softnet_stat}: per CPU (one hex line each). */
    static boolean softnet(String text, MetricsText m) {
        List<String[]> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = fields(line);
            if (f.length >= 3) {
                rows.add(f);
            }
        }
        if (rows.isEmpty()) {
            return false;
        }
        String[][] series = {{"processed", "0", "Number of processed packets"}, {"dropped", "1", "Number of dropped packets"},
            {"times_squeezed", "2", "Number of times processing packets ran out of quota"},
            {"received_rps", "9", "Number of times cpu woken up received_rps"},
            {"flow_limit_count", "10", "Number of times flow limit has been reached"}};
        for (String[] s : series) {
            int col = Integer.parseInt(s[1]);
            if (rows.get(0).length <= col) {
                continue;
            }
            String name = "node_softnet_" + s[0] + "_total";
            m.family(name, "counter", s[2]);
            for (int cpu = 0; cpu < rows.size(); cpu++) {
                m.sample(name, Long.parseLong(rows.get(cpu)[col], 16), "cpu", Integer.toString(cpu));
            }
        }
        return true;
    }
}
