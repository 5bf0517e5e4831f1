package io.armada.monitor.internal;

import java.util.List;
import java.util.Map;

import io.armada.monitor.NetworkFigures.Nic;
import io.armada.monitor.internal.Sampler.NicFigure;
import io.armada.monitor.internal.SlowFigures.DiskFigure;
import io.armada.monitor.internal.SlowFigures.FsFigure;
import oshi.hardware.VirtualMemory;

/**
 * {@code GET /metrics}: the monitor's figures in the Prometheus text format, named as node_exporter names the same
 * figure (node_cpu_seconds_total, node_load1, node_memory_*_bytes, node_filesystem_*_bytes, node_disk_*,
 * node_network_*), so existing dashboards work; plus a few armada_monitor_* series for the reports. Built from the
 * sampler's latest snapshot and the short-lived caches, at most once per sample.
 */
final class NodeMetrics {
    private static final String[] MODES = {"user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"};

    private NodeMetrics() {
    }

    static String build(Figures f, Sampler.Latest l, List<FsFigure> fss, List<DiskFigure> disks,
            Map<String, Nic> net, long sent, long failed, boolean paused) {
        MetricsText m = new MetricsText(16 * 1024);
        if (l != null) {
            m.family("node_cpu_seconds_total", "counter", "Seconds the CPUs spent in each mode.");
            for (int c = 0; c < l.perCpuTicks().length; c++) {
                long[] t = l.perCpuTicks()[c];
                String cpu = Integer.toString(c);
                for (int i = 0; i < MODES.length && i < t.length; i++) {
                    m.sample("node_cpu_seconds_total", t[i] / 1000.0, "cpu", cpu, "mode", MODES[i]);
                }
            }
        }
        double[] load = f.cpu.getSystemLoadAverage(3);
        String[] loadNames = {"node_load1", "node_load5", "node_load15"};
        String[] loadHelp = {"1m load average.", "5m load average.", "15m load average."};
        for (int i = 0; i < 3; i++) {
            if (load[i] >= 0) {
                m.family(loadNames[i], "gauge", loadHelp[i]).sample(loadNames[i], load[i]);
            }
        }
        if (l != null) {
            m.family("node_memory_MemTotal_bytes", "gauge", "Memory information field MemTotal_bytes.")
                    .sample("node_memory_MemTotal_bytes", l.memTotal());
            m.family("node_memory_MemAvailable_bytes", "gauge", "Memory information field MemAvailable_bytes.")
                    .sample("node_memory_MemAvailable_bytes", l.memAvailable());
        }
        VirtualMemory vm = f.memory.getVirtualMemory();
        m.family("node_memory_SwapTotal_bytes", "gauge", "Memory information field SwapTotal_bytes.")
                .sample("node_memory_SwapTotal_bytes", vm.getSwapTotal());
        m.family("node_memory_SwapFree_bytes", "gauge", "Memory information field SwapFree_bytes.")
                .sample("node_memory_SwapFree_bytes", Math.max(0, vm.getSwapTotal() - vm.getSwapUsed()));

        fsFamily(m, fss, "node_filesystem_size_bytes", "Filesystem size in bytes.", 0);
        fsFamily(m, fss, "node_filesystem_avail_bytes", "Filesystem space available to non-root users in bytes.", 1);
        fsFamily(m, fss, "node_filesystem_free_bytes", "Filesystem free space in bytes.", 2);

        diskFamily(m, disks, "node_disk_read_bytes_total", "The total number of bytes read successfully.", 0);
        diskFamily(m, disks, "node_disk_written_bytes_total", "The total number of bytes written successfully.", 1);
        diskFamily(m, disks, "node_disk_reads_completed_total", "The total number of reads completed successfully.", 2);
        diskFamily(m, disks, "node_disk_writes_completed_total", "The total number of writes completed successfully.", 3);
        m.family("node_disk_io_time_seconds_total", "counter", "Total seconds spent doing I/Os.");
        for (DiskFigure d : disks) {
            m.sample("node_disk_io_time_seconds_total", d.ioMillis() / 1000.0, "device", d.name());
        }

        if (l != null) {
            nicFamily(m, l.nics(), "node_network_receive_bytes_total", "Network device statistic receive_bytes.", 0);
            nicFamily(m, l.nics(), "node_network_transmit_bytes_total", "Network device statistic transmit_bytes.", 1);
            nicFamily(m, l.nics(), "node_network_receive_packets_total", "Network device statistic receive_packets.", 2);
            nicFamily(m, l.nics(), "node_network_transmit_packets_total", "Network device statistic transmit_packets.", 3);
            nicFamily(m, l.nics(), "node_network_receive_errs_total", "Network device statistic receive_errs.", 4);
            nicFamily(m, l.nics(), "node_network_transmit_errs_total", "Network device statistic transmit_errs.", 5);
            nicFamily(m, l.nics(), "node_network_receive_drop_total", "Network device statistic receive_drop.", 6);
            m.family("node_network_up", "gauge", "Value is 1 if operstate is 'up', 0 otherwise.");
            for (NicFigure n : l.nics()) {
                Nic d = net.get(n.name());
                boolean up = d != null && d.up();
                m.sample("node_network_up", up ? 1L : 0L, "device", n.name());
            }
            m.family("node_network_speed_bytes", "gauge", "Network device property: speed_bytes.");
            for (NicFigure n : l.nics()) {
                Nic d = net.get(n.name());
                long mbits = d == null ? 0L : d.speed();
                m.sample("node_network_speed_bytes", mbits * 125_000L, "device", n.name());
            }
        }
        m.family("node_boot_time_seconds", "gauge", "Node boot time, in unixtime.").sample("node_boot_time_seconds", f.bootTime);
        m.family("node_time_seconds", "gauge", "System time in seconds since epoch (1970).")
                .sample("node_time_seconds", System.currentTimeMillis() / 1000.0);
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

    private static void fsFamily(MetricsText m, List<FsFigure> fss, String name, String help, int which) {
        m.family(name, "gauge", help);
        for (FsFigure fs : fss) {
            long v = which == 0 ? fs.total() : which == 1 ? fs.free() : fs.unallocated();
            m.sample(name, v, "device", fs.device(), "fstype", fs.type(), "mountpoint", fs.mountPoint());
        }
    }

    private static void diskFamily(MetricsText m, List<DiskFigure> disks, String name, String help, int which) {
        m.family(name, "counter", help);
        for (DiskFigure d : disks) {
            long v = switch (which) {
                case 0 -> d.readBytes();
                case 1 -> d.writeBytes();
                case 2 -> d.reads();
                default -> d.writes();
            };
            m.sample(name, v, "device", d.name());
        }
    }

    private static void nicFamily(MetricsText m, NicFigure[] nics, String name, String help, int which) {
        m.family(name, "counter", help);
        for (NicFigure n : nics) {
            long v = switch (which) {
                case 0 -> n.rxBytes();
                case 1 -> n.txBytes();
                case 2 -> n.rxPackets();
                case 3 -> n.txPackets();
                case 4 -> n.rxErrors();
                case 5 -> n.txErrors();
                default -> n.rxDrops();
            };
            m.sample(name, v, "device", n.name());
        }
    }
}
