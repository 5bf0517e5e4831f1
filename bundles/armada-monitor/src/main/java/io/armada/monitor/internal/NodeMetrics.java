package io.armada.monitor.internal;

import java.util.List;

/**
 * {@code GET /metrics}: node_exporter's default Linux collectors ({@link NodeCollectors}: its names, label keys,
 * units and help texts, so dashboards made for node_exporter, such as "Node Exporter Full", work unchanged), then
 * Armada's own series under {@code armada_}: the reports and the managed services. Built at most once per sample.
 */
final class NodeMetrics {
    private NodeMetrics() {
    }

    static String build(NodeCollectors collectors, long sent, long failed, boolean paused) {
        MetricsText m = new MetricsText(96 * 1024);
        collectors.write(m);
        m.family("armada_monitor_reports_sent_total", "counter", "Report bodies the server accepted since start.")
                .sample("armada_monitor_reports_sent_total", sent);
        m.family("armada_monitor_reports_failed_total", "counter", "Report bodies that failed since start.")
                .sample("armada_monitor_reports_failed_total", failed);
        m.family("armada_monitor_reporting_paused", "gauge", "1 when reporting to the server is paused.")
                .sample("armada_monitor_reporting_paused", paused ? 1L : 0L);
        return m.toString();
    }

    /** The node's managed services (ServerHandler): state, processes, CPU and resident memory per service. */
    static String services(List<io.armada.monitor.internal.servers.ServiceFigure> figures) {
        MetricsText m = new MetricsText(1024 + figures.size() * 512);
        m.family("armada_services_managed", "gauge", "Services this node manages (ServerHandler).")
                .sample("armada_services_managed", (long) figures.size());
        m.family("armada_service_up", "gauge", "1 when a process of the managed service runs.");
        for (var f : figures) {
            m.sample("armada_service_up", f.active() ? 1L : 0L, "app", f.app(), "server", f.server());
        }
        m.family("armada_service_processes", "gauge", "Processes of the managed service.");
        for (var f : figures) {
            m.sample("armada_service_processes", (long) f.pids().size(), "app", f.app(), "server", f.server());
        }
        m.family("armada_service_cpu_seconds_total", "counter", "CPU seconds of the service's live processes.");
        for (var f : figures) {
            m.sample("armada_service_cpu_seconds_total", f.cpuSeconds(), "app", f.app(), "server", f.server());
        }
        m.family("armada_service_cpu_percent", "gauge", "CPU of the service, percent of one CPU since the previous look.");
        for (var f : figures) {
            m.sample("armada_service_cpu_percent", f.cpuPercent(), "app", f.app(), "server", f.server());
        }
        m.family("armada_service_resident_memory_bytes", "gauge", "Resident memory of the service's processes.");
        for (var f : figures) {
            m.sample("armada_service_resident_memory_bytes", f.rssBytes(), "app", f.app(), "server", f.server());
        }
        return m.toString();
    }
}
