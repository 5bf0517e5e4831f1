package io.armada.monitor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * node_exporter's collectors on fixture files copied from a Debian 12 VM (src/test/resources/node: /proc, /sys,
 * /etc, udev data), against the names, label keys and units node_exporter 1.5 serves on that machine.
 */
public class NodeCollectorsTest {
    private static Path root;
    private static String page;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @BeforeClass
    public static void scrapeTheFixtures() throws URISyntaxException {
        root = Path.of(NodeCollectorsTest.class.getResource("/node").toURI());
        page = collect(root);
    }

    private static String collect(Path r) {
        MetricsText m = new MetricsText(64 * 1024);
        new NodeCollectors(r.resolve("proc"), r.resolve("sys"), r.resolve("etc"), r.resolve("udev"), null, 100,
                () -> null).write(m);
        return m.toString();
    }

    private static String fixture(String rel) throws IOException {
        return Files.readString(root.resolve(rel), StandardCharsets.ISO_8859_1);
    }

    /** The sample lines of one metric name. */
    private static List<String> samples(String text, String name) {
        return text.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{")).collect(Collectors.toList());
    }

    private static double value(String text, String series) {
        for (String l : text.split("\n")) {
            if (l.startsWith(series + " ")) {
                return Double.parseDouble(l.substring(series.length() + 1));
            }
        }
        throw new AssertionError("no " + series + " in\n" + text);
    }

    @Test
    public void everyMeminfoFieldIsServedInBytesWithNodeExporterNames() throws IOException {
        String meminfo = fixture("proc/meminfo");
        int fields = 0;
        for (String line : meminfo.split("\n")) {
            String[] f = ProcMetrics.fields(line.substring(line.indexOf(':') + 1));
            String key = line.substring(0, line.indexOf(':')).replace("(", "_").replace(")", "");
            long raw = Long.parseLong(f[0]);
            if (f.length > 1) {
                assertEquals(line, raw * 1024.0, value(page, "node_memory_" + key + "_bytes"), 0);
            } else {
                assertEquals(line, raw, value(page, "node_memory_" + key), 0);
            }
            fields++;
        }
        assertTrue(fields > 40);
        assertEquals(1, samples(page, "node_memory_Active_anon_bytes").size());
        assertEquals(1, samples(page, "node_memory_HugePages_Total").size());
        assertTrue(page.contains("# TYPE node_memory_MemTotal_bytes gauge\n"));
    }

    @Test
    public void cpuAndStatComeFromProcStatInSeconds() throws IOException {
        String stat = fixture("proc/stat");
        String[] cpu0 = ProcMetrics.fields(stat.lines().filter(l -> l.startsWith("cpu0 ")).findFirst().orElseThrow());
        assertEquals(Long.parseLong(cpu0[1]) / 100.0, value(page, "node_cpu_seconds_total{cpu=\"0\",mode=\"user\"}"), 1e-9);
        assertEquals(Long.parseLong(cpu0[8]) / 100.0, value(page, "node_cpu_seconds_total{cpu=\"0\",mode=\"steal\"}"), 1e-9);
        long cpus = stat.lines().filter(l -> l.matches("cpu[0-9]+ .*")).count();
        assertTrue(cpus > 0);
        assertEquals(cpus * 8, samples(page, "node_cpu_seconds_total").size());
        assertEquals(cpus * 2, samples(page, "node_cpu_guest_seconds_total").size());
        long btime = Long.parseLong(stat.lines().filter(l -> l.startsWith("btime ")).findFirst().orElseThrow().substring(6));
        assertEquals(btime, value(page, "node_boot_time_seconds"), 0);
        for (String name : new String[] {"node_intr_total", "node_context_switches_total", "node_forks_total",
            "node_procs_running", "node_procs_blocked", "node_load1", "node_load5", "node_load15"}) {
            assertEquals(name, 1, samples(page, name).size());
        }
    }

    @Test
    public void vmstatKeepsNodeExportersDefaultFields() {
        for (String name : new String[] {"node_vmstat_oom_kill", "node_vmstat_pgfault", "node_vmstat_pgmajfault",
            "node_vmstat_pgpgin", "node_vmstat_pgpgout", "node_vmstat_pswpin", "node_vmstat_pswpout"}) {
            assertEquals(name, 1, samples(page, name).size());
        }
        assertTrue(samples(page, "node_vmstat_nr_free_pages").isEmpty());
        assertTrue(page.contains("# TYPE node_vmstat_pgfault untyped\n"));
    }

    @Test
    public void pressureSomeIsWaitingAndFullIsStalled() throws IOException {
        String cpu = fixture("proc/pressure/cpu");
        long some = Long.parseLong(cpu.split("\n")[0].replaceAll(".*total=", "").trim());
        assertEquals(some / 1e6, value(page, "node_pressure_cpu_waiting_seconds_total"), 1e-9);
        assertEquals(1, samples(page, "node_pressure_io_stalled_seconds_total").size());
        assertEquals(1, samples(page, "node_pressure_memory_stalled_seconds_total").size());
        assertTrue(samples(page, "node_pressure_cpu_stalled_seconds_total").isEmpty());
        assertTrue("no irq file in the fixture: absent", samples(page, "node_pressure_irq_stalled_seconds_total").isEmpty());
    }

    @Test
    public void netstatSockstatAndNetdev() throws IOException {
        for (String name : new String[] {"node_netstat_Tcp_InSegs", "node_netstat_Tcp_CurrEstab", "node_netstat_TcpExt_ListenDrops",
            "node_netstat_TcpExt_SyncookiesSent", "node_netstat_Icmp_InErrors", "node_netstat_IpExt_InOctets",
            "node_netstat_Ip6_InOctets", "node_netstat_Udp6_InDatagrams", "node_netstat_UdpLite_InErrors",
            "node_netstat_Ip_Forwarding", "node_sockstat_sockets_used", "node_sockstat_TCP_inuse", "node_sockstat_TCP_tw",
            "node_sockstat_UDP_mem_bytes", "node_sockstat_FRAG_memory", "node_sockstat_TCP6_inuse", "node_filefd_allocated",
            "node_filefd_maximum", "node_entropy_available_bits", "node_entropy_pool_size_bits", "node_nf_conntrack_entries",
            "node_nf_conntrack_entries_limit", "node_nf_conntrack_stat_found"}) {
            assertEquals(name, 1, samples(page, name).size());
        }
        assertTrue("not in node_exporter's default selection", samples(page, "node_netstat_Tcp_MaxConn").isEmpty());
        assertEquals(value(page, "node_sockstat_TCP_mem") * 4096, value(page, "node_sockstat_TCP_mem_bytes"), 0);
        String dev = fixture("proc/net/dev");
        long devices = dev.lines().filter(l -> l.contains(":")).count() - 0;
        assertTrue(devices > 0);
        for (String f : new String[] {"receive_bytes", "receive_packets", "receive_errs", "receive_drop", "receive_fifo",
            "receive_frame", "receive_compressed", "receive_multicast", "transmit_bytes", "transmit_packets", "transmit_errs",
            "transmit_drop", "transmit_fifo", "transmit_colls", "transmit_carrier", "transmit_compressed"}) {
            assertEquals(f, devices, samples(page, "node_network_" + f + "_total").size());
        }
        assertTrue(page.contains("node_network_receive_bytes_total{device=\"eth0\"} "));
    }

    @Test
    public void diskstatsServeEveryFieldOfWholeDisksWithUdevInfo() throws IOException {
        String vda = fixture("proc/diskstats").lines().filter(l -> l.contains(" vda ")).findFirst().orElseThrow();
        String[] f = ProcMetrics.fields(vda);
        assertEquals(Long.parseLong(f[5]) * 512.0, value(page, "node_disk_read_bytes_total{device=\"vda\"}"), 0);
        assertEquals(Long.parseLong(f[12]) / 1000.0, value(page, "node_disk_io_time_seconds_total{device=\"vda\"}"), 1e-9);
        assertEquals(Long.parseLong(f[18]), value(page, "node_disk_flush_requests_total{device=\"vda\"}"), 0);
        assertFalse(page.contains("device=\"loop0\""));
        assertTrue(page, page.contains("node_disk_info{device=\"vda\",major=\"254\",minor=\"0\",model=\"QEMU_HARDDISK\","
                + "path=\"pci-0000:00:05.0\",revision=\"\",serial=\"abc123\",wwn=\"\"} 1\n"));
        for (String name : new String[] {"node_disk_reads_merged_total", "node_disk_read_time_seconds_total",
            "node_disk_write_time_seconds_total", "node_disk_io_now", "node_disk_io_time_weighted_seconds_total",
            "node_disk_discards_completed_total", "node_disk_discarded_sectors_total", "node_disk_discard_time_seconds_total",
            "node_disk_flush_requests_time_seconds_total"}) {
            assertFalse(name, samples(page, name).isEmpty());
        }
    }

    @Test
    public void filesystemsAsNodeExporterSelectsThemWithDeviceErrors() {
        assertEquals(1, samples(page, "node_filesystem_size_bytes").size());
        assertTrue(page.contains("node_filesystem_size_bytes{device=\"/dev/vda\",fstype=\"ext4\",mountpoint=\"/\"} "));
        assertTrue(page.contains("node_filesystem_readonly{device=\"/dev/vda\",fstype=\"ext4\",mountpoint=\"/\"} 0\n"));
        assertTrue(page.contains("node_filesystem_device_error{device=\"/dev/vda\",fstype=\"ext4\",mountpoint=\"/\"} 0\n"));
        // a mount point that cannot be read: device_error 1, no sizes (never zeros)
        assertTrue(page.contains("node_filesystem_device_error{device=\"/dev/vdb\",fstype=\"ext4\",mountpoint=\"/no/such mount\"} 1\n"));
        assertFalse(page.contains("node_filesystem_avail_bytes{device=\"/dev/vdb\""));
        assertFalse(page.contains("mountpoint=\"/proc\""));
        assertFalse(page.contains("mountpoint=\"/dev/shm\""));
        assertFalse(page.contains("fstype=\"cgroup2\""));
        assertTrue("without libc no file nodes", samples(page, "node_filesystem_files").isEmpty());
    }

    @Test
    public void filesystemFileNodesThroughLibc() {
        LibC libc = LibC.load();
        org.junit.Assume.assumeNotNull(libc);
        long[] s = libc.statvfs("/");
        assertNotNull(s);
        assertEquals(new java.io.File("/").getTotalSpace(), s[2] * s[1]);
        assertTrue("file nodes of / known", s[5] > 0 && s[6] >= 0 && s[6] <= s[5]);
        MetricsText m = new MetricsText(1024);
        ProcMounts.Mount root = new ProcMounts.Mount("/dev/x", "/", "ext4", false);
        ProcMounts.filesystems(List.of(new ProcMounts.FsStat(root, false, s[2] * s[0], s[3] * s[0], s[4] * s[0], s[5], s[6])), m);
        assertTrue(m.toString().contains("node_filesystem_files{device=\"/dev/x\",fstype=\"ext4\",mountpoint=\"/\"} " + s[5] + "\n"));
        long[] t = libc.adjtimex();
        assertNotNull(t);
        assertTrue(t[0] >= 0 && t[0] <= 5);
        assertEquals("tick: 10000 us at 100 Hz, in a sane range", true, t[1 + Timex.TX_TICK] > 0);
        // the int fields (status, shift, tai) taken from the right half of their 8 bytes: flags of 16 bits, small values
        assertTrue("status " + t[1 + Timex.TX_STATUS], t[1 + Timex.TX_STATUS] >= 0 && t[1 + Timex.TX_STATUS] < 0x10000);
        assertTrue("tai " + t[1 + Timex.TX_TAI], t[1 + Timex.TX_TAI] >= 0 && t[1 + Timex.TX_TAI] < 1000);
        assertTrue("shift " + t[1 + Timex.TX_SHIFT], t[1 + Timex.TX_SHIFT] >= 0 && t[1 + Timex.TX_SHIFT] < 64);
    }

    @Test
    public void unameOsNetclassHwmonAndTime() throws IOException {
        String hostname = fixture("proc/sys/kernel/hostname").trim();
        assertEquals(1, samples(page, "node_uname_info").size());
        String uname = samples(page, "node_uname_info").get(0);
        assertTrue(uname, uname.startsWith("node_uname_info{domainname=\"") && uname.contains(",nodename=\"" + hostname + "\",")
                && uname.contains("sysname=\"Linux\"") && uname.contains(",machine=\""));
        String os = samples(page, "node_os_info").get(0);
        assertTrue(os, os.startsWith("node_os_info{build_id=\"\",id=\"") && os.contains(",version_id=\""));
        assertEquals(1, samples(page, "node_os_version").size());
        assertTrue(page.contains("node_network_up{device=\"eth0\"} 1\n"));
        assertTrue(page.contains("node_network_up{device=\"lo\"} 0\n"));
        assertTrue(page.contains("node_network_mtu_bytes{device=\"lo\"} 65536\n"));
        assertTrue(page.contains("node_network_carrier{device=\"eth0\"} 1\n"));
        assertFalse("no carrier file: absent", page.contains("node_network_carrier{device=\"lo\"}"));
        // the kernel's SPEED_UNKNOWN (-1) as node_exporter serves it; no speed file (lo here): absent
        assertTrue(page.contains("node_network_speed_bytes{device=\"eth0\"} -125000\n"));
        assertFalse(page.contains("node_network_speed_bytes{device=\"lo\"}"));
        assertEquals(1, samples(page, "node_network_receive_nohandler_total").size());
        assertTrue(page.contains("node_textfile_scrape_error 0\n"));
        assertTrue(page.contains("node_hwmon_chip_names{chip=\"hwmon0\",chip_name=\"coretemp\"} 1\n"));
        assertTrue(page.contains("node_hwmon_temp_celsius{chip=\"hwmon0\",sensor=\"temp1\"} 45\n"));
        assertTrue(page.contains("node_hwmon_temp_crit_celsius{chip=\"hwmon0\",sensor=\"temp1\"} 100\n"));
        assertTrue(value(page, "node_time_seconds") > 1.7e9);
    }

    @Test
    public void timexFollowsNodeExportersUnits() {
        long[] t = new long[Timex.TX_FIELDS];
        t[Timex.TX_OFFSET] = 1500; // microseconds without STA_NANO
        t[Timex.TX_FREQ] = 65536 * 10; // 10 ppm
        t[Timex.TX_MAXERROR] = 250_000;
        t[Timex.TX_STATUS] = 0x0001;
        t[Timex.TX_TICK] = 10_000;
        t[Timex.TX_TAI] = 37;
        MetricsText m = new MetricsText(4096);
        Timex.timex(0, t, m);
        String text = m.toString();
        assertEquals(0.0015, value(text, "node_timex_offset_seconds"), 1e-12);
        assertEquals(1.00001, value(text, "node_timex_frequency_adjustment_ratio"), 1e-12);
        assertEquals(0.25, value(text, "node_timex_maxerror_seconds"), 1e-12);
        assertEquals(0.01, value(text, "node_timex_tick_seconds"), 1e-12);
        assertEquals(37, value(text, "node_timex_tai_offset_seconds"), 0);
        assertEquals(1, value(text, "node_timex_sync_status"), 0);
        t[Timex.TX_STATUS] = 0x2000; // STA_NANO: nanoseconds
        MetricsText n = new MetricsText(4096);
        Timex.timex(5, t, n);
        assertEquals(1.5e-6, value(n.toString(), "node_timex_offset_seconds"), 1e-15);
        assertEquals(0, value(n.toString(), "node_timex_sync_status"), 0);
        assertTrue(text.contains("# TYPE node_timex_pps_jitter_total counter\n"));
    }

    @Test
    public void everyCollectorReportsItsScrapeAndAMissingFileIsAbsentNotZero() throws IOException {
        List<String> success = samples(page, "node_scrape_collector_success");
        assertEquals(samples(page, "node_scrape_collector_duration_seconds").size(), success.size());
        assertTrue(success.size() >= 20);
        for (String c : new String[] {"cpu", "meminfo", "diskstats", "filesystem", "netdev", "netstat", "sockstat", "stat",
            "uname", "os", "vmstat", "pressure", "conntrack", "netclass", "hwmon"}) {
            assertTrue(c, success.contains("node_scrape_collector_success{collector=\"" + c + "\"} 1"));
        }
        assertTrue(success.contains("node_scrape_collector_success{collector=\"schedstat\"} 0"));
        assertTrue(samples(page, "node_schedstat_running_seconds_total").isEmpty());

        // a machine without pressure, conntrack and hwmon: their series absent, the rest still served
        Path bare = tmp.newFolder("bare").toPath();
        copy(root, bare);
        deleteTree(bare.resolve("proc/pressure"));
        deleteTree(bare.resolve("proc/sys/net/netfilter"));
        deleteTree(bare.resolve("sys/class/hwmon"));
        String text = collect(bare);
        assertFalse(text.contains("node_pressure_"));
        assertFalse(text.contains("node_nf_conntrack"));
        assertFalse(text.contains("node_hwmon"));
        assertTrue(text.contains("node_scrape_collector_success{collector=\"pressure\"} 0\n"));
        assertTrue(text.contains("node_memory_MemTotal_bytes "));
    }

    @Test
    public void thePageIsWellFormedTextFormat() {
        Set<String> typed = new HashSet<>();
        int samples = 0;
        for (String line : page.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                assertTrue("family declared twice: " + line, typed.add(line.split(" ")[2]));
            } else if (!line.startsWith("# HELP ")) {
                assertTrue(line, line.matches("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\]|\\\\.)*\",?)*\\})? \\S+"));
                String name = line.split("[{ ]")[0];
                assertTrue("sample before its TYPE: " + line, typed.contains(name));
                samples++;
            }
        }
        assertTrue(samples > 300);
    }

    @Test
    public void systemdUnitsPerStateAndSockets() throws Exception {
        Path dir = Path.of(NodeCollectorsTest.class.getResource("/systemd").toURI());
        var units = SystemdUnits.unitStates(Files.readString(dir.resolve("list-units.txt"), StandardCharsets.UTF_8));
        assertEquals(java.util.Map.of("activating", 0L, "active", 4L, "deactivating", 0L, "failed", 1L, "inactive", 1L), units);
        var sockets = SystemdUnits.sockets(Files.readString(dir.resolve("show-sockets.txt"), StandardCharsets.UTF_8));
        assertEquals(List.of(new SystemdUnits.Socket("dbus.socket", 3, 1, 0), new SystemdUnits.Socket("ssh.socket", 12, 0, 2)),
                sockets);
        MetricsText m = new MetricsText(1024);
        assertTrue(SystemdUnits.write(new SystemdUnits.Snapshot(0, units, sockets), m));
        String text = m.toString();
        assertTrue(text.contains("node_systemd_units{state=\"failed\"} 1\n"));
        assertTrue(text.contains("node_systemd_socket_accepted_connections_total{name=\"ssh.socket\"} 12\n"));
        assertFalse("no snapshot (no systemd, or not read yet): absent", SystemdUnits.write(null, new MetricsText(16)));
        assertTrue(page.contains("node_scrape_collector_success{collector=\"systemd\"} 0\n"));
        assertFalse(page.contains("node_systemd_"));
    }

    @Test
    public void systemctlRunsOnTheMonitorThreadNeverInTheScrape() {
        List<Runnable> queued = new java.util.ArrayList<>();
        SystemdUnits units = new SystemdUnits(new ServiceStates(List.of("echo"), () -> true), queued::add);
        assertEquals(null, units.snapshot());
        assertEquals(1, queued.size());
        assertEquals("one refresh at a time", null, units.snapshot());
        assertEquals(1, queued.size());
        queued.get(0).run(); // what the monitor thread does
        SystemdUnits.Snapshot s = units.snapshot();
        assertNotNull(s);
        assertEquals(1, queued.size());
        assertEquals(0L, (long) s.units().get("active"));
        SystemdUnits none = new SystemdUnits(new ServiceStates(List.of("echo"), () -> false), queued::add);
        assertEquals(null, none.snapshot());
        assertEquals("no systemd: nothing asked", 1, queued.size());
    }

    @Test
    public void integerSysctlsAreReadWhole() {
        // Files.readString read these one byte, then the rest at offset 1, which an integer sysctl answers with nothing
        Path fileNr = Path.of("/proc/sys/fs/file-nr");
        org.junit.Assume.assumeTrue(Files.exists(fileNr));
        String text = NodeCollectors.readOrNull(fileNr);
        assertNotNull(text);
        assertEquals(text, 3, ProcMetrics.fields(text).length);
        String pool = NodeCollectors.readOrNull(Path.of("/proc/sys/kernel/random/poolsize"));
        if (pool != null) {
            assertTrue(pool, Long.parseLong(pool.trim()) >= 32);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (var paths = Files.walk(p)) {
            for (Path q : paths.sorted(java.util.Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(q);
            }
        }
    }
}
