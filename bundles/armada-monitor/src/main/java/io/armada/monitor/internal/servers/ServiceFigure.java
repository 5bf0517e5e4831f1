package io.armada.monitor.internal.servers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One managed service's figures for the resource report, {@code /metrics} and the shell: its state, its processes,
 * their CPU (percent of one CPU since the previous look, and seconds in all) and resident memory.
 */
public record ServiceFigure(String app, String server, boolean active, List<Long> pids, double cpuPercent,
        double cpuSeconds, long rssBytes, int version) {

    /** As the resource report gives it. */
    public Map<String, Object> toReport() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("app", app);
        m.put("server", server);
        m.put("state", active ? "active" : "inactive");
        m.put("pids", pids);
        m.put("cpu", cpuPercent);
        m.put("cpu_seconds", cpuSeconds);
        m.put("rss", rssBytes);
        m.put("version", version);
        return m;
    }
}
