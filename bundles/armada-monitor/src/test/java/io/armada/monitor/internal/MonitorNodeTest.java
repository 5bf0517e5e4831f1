package io.armada.monitor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.armada.core.testing.Await;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.armada.monitor.ReportingState;
import io.armada.monitor.rest.SeedRows;

/**
 * The monitor on this very machine: its figures against independent readers (/proc/meminfo, /proc/cpuinfo,
 * statvfs through the JDK, /proc/net/dev, /proc/diskstats), resource_statis, port_status, /metrics.
 */
public class MonitorNodeTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final MonitorThread thread = new MonitorThread();
    private MonitorNode node;

    @Before
    public void start() throws IOException {
        node = new MonitorNode(TestSupport.config(Map.of()), thread, () -> false);
        await("two samples", () -> node.sampleCount() >= 2);
    }

    @After
    public void stop() {
        node.deactivate();
        thread.stop();
    }

    static void await(String what, BooleanSupplier condition) {
        Await.until(what, Duration.ofSeconds(20), condition);
    }

    private static Map<String, Long> keyedKib(Path file) throws IOException {
        Map<String, Long> out = new java.util.HashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split("[:\\s]+");
            if (f.length >= 2) {
                try {
                    out.put(f[0], Long.parseLong(f[1]));
                } catch (NumberFormatException ignored) {
                    // not a number line
                }
            }
        }
        return out;
    }

    @Test
    public void theRoutinePathLeavesOshiUnmadeUntilTheHardwareInventory() {
        // what a node's report, /resource and /metrics read: /proc and /sys only (OSHI costs a node ~110 classes)
        node.cpu();
        node.memory();
        node.disk();
        node.diskio();
        node.network();
        node.networkio();
        node.resource();
        node.metrics();
        assertFalse(node.oshiLoaded());
        assertFalse(SeedRows.hardware(node.hardware()).isEmpty());
        assertTrue(node.oshiLoaded());
    }

    @Test
    public void memoryTotalIsWhatProcMeminfoSays() throws IOException {
        Map<String, Long> meminfo = keyedKib(Path.of("/proc/meminfo"));
        Map<String, Object> m = SeedRows.memory(node.memory());
        assertEquals(meminfo.get("MemTotal") * 1024, ((Number) m.get("total")).longValue());
        long available = ((Number) m.get("available")).longValue();
        long theirs = meminfo.get("MemAvailable") * 1024;
        assertTrue(available + " vs " + theirs, Math.abs(available - theirs) < 512L * 1024 * 1024);
        double u = ((Number) m.get("utilization")).doubleValue();
        assertTrue(u > 0 && u < 100);
        assertTrue(m.get("utc") instanceof Long);
    }

    @Test
    public void cpuCountIsTheNumberOfProcessorsInProcCpuinfo() throws IOException {
        long processors = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(l -> l.startsWith("processor")).count();
        Map<String, Object> cpu = SeedRows.cpu(node.cpu());
        assertEquals(processors, ((Number) cpu.get("numbers")).longValue());
        double u = ((Number) cpu.get("utilization")).doubleValue();
        assertTrue(String.valueOf(u), u >= 0 && u <= 100);
    }

    @Test
    @SuppressWarnings("unchecked")
    public void diskSizesAreWhatStatvfsSays() throws IOException {
        Map<String, Object> disk = SeedRows.disk(node.disk());
        Map<String, Object> root = (Map<String, Object>) disk.get("/");
        assertTrue(disk.toString(), root != null);
        java.nio.file.FileStore store = Files.getFileStore(Path.of("/"));
        assertEquals(store.getTotalSpace(), ((Number) root.get("total")).longValue());
        long used = ((Number) root.get("used")).longValue();
        long theirUsed = store.getTotalSpace() - store.getUnallocatedSpace();
        assertTrue(Math.abs(used - theirUsed) < 1024L * 1024 * 1024);
        long free = ((Number) root.get("free")).longValue();
        assertTrue(Math.abs(free - store.getUsableSpace()) < 1024L * 1024 * 1024);
        int type = (Integer) root.get("type");
        assertTrue(type == 0 || type == 1);
        for (String key : disk.keySet()) {
            assertFalse(key, key.startsWith("/proc") || key.startsWith("/sys") || key.equals("/dev/shm")
                    || key.equals("/dev"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    public void nicCountersAreWhatProcNetDevSays() throws IOException {
        List<String> physical = new ArrayList<>();
        for (String name : procNetDevNames()) {
            if (Figures.isPhysicalNic(name)) {
                physical.add(name);
            }
        }
        Map<String, Object> io = SeedRows.networkio(node.networkio());
        Map<String, Object> net = SeedRows.network(node.network());
        assertFalse("lo is not physical", io.containsKey("lo"));
        assertFalse(net.containsKey("lo"));
        int checked = 0;
        for (String nic : physical) {
            assertTrue(nic + " is a physical NIC of /proc/net/dev, missing in " + io, io.containsKey(nic));
            long[] dev = procNetDev(nic);
            Map<String, Object> c = (Map<String, Object>) io.get(nic);
            long recv = ((Number) c.get("bytes_recv")).longValue();
            long send = ((Number) c.get("bytes_send")).longValue();
            // /proc/net/dev was read after us: it may be a little ahead (one second of traffic), never behind much
            assertTrue(nic + " recv " + recv + " vs " + dev[0], dev[0] >= recv && dev[0] - recv < 64L * 1024 * 1024);
            assertTrue(nic + " send " + send + " vs " + dev[1], dev[1] >= send && dev[1] - send < 64L * 1024 * 1024);
            Map<String, Object> n = (Map<String, Object>) net.get(nic);
            assertTrue(nic + " missing in " + net, n != null);
            for (String k : new String[] {"ip", "mac", "mask", "gateway", "dns1", "dns2", "speed", "stat"}) {
                assertTrue(k, n.containsKey(k));
            }
            checked++;
        }
        assertEquals("every NIC answered is a physical NIC of /proc/net/dev", physical.size() + 1, io.size());
        assertEquals(physical.size(), checked);
        if (physical.isEmpty()) {
            // a machine without a physical NIC (a container on veth): nothing to compare, and the answer says so
            assertEquals(List.of("utc"), List.copyOf(io.keySet()));
        }
    }

    /** The physical NICs of /proc/net/dev, as the sampler should list them. */
    private static java.util.Set<String> physicalNics() throws IOException {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (String name : procNetDevNames()) {
            if (Figures.isPhysicalNic(name)) {
                out.add(name);
            }
        }
        return out;
    }

    /** The interface names of /proc/net/dev (lo, eth0, ...). */
    private static List<String> procNetDevNames() throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/net/dev"))) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.contains("|")) {
                out.add(line.substring(0, colon).trim());
            }
        }
        assertTrue("/proc/net/dev lists lo at least", out.contains("lo"));
        return out;
    }

    private static long[] procNetDev(String nic) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/net/dev"))) {
            String l = line.trim();
            if (l.startsWith(nic + ":")) {
                String[] f = l.substring(nic.length() + 1).trim().split("\\s+");
                return new long[] {Long.parseLong(f[0]), Long.parseLong(f[8])};
            }
        }
        throw new AssertionError(nic + " not in /proc/net/dev");
    }

    @Test
    @SuppressWarnings("unchecked")
    public void diskIoIsWhatProcDiskstatsSays() throws IOException {
        Map<String, Object> io = SeedRows.diskio(node.diskio());
        int disks = 0;
        int checked = 0;
        for (String line : Files.readAllLines(Path.of("/proc/diskstats"))) {
            String[] f = line.trim().split("\\s+");
            // a whole disk with a device behind it (vda, sda, nvme0n1), not loop, zram, ram or device-mapper
            boolean realDisk = Files.exists(Path.of("/sys/block", f[2], "device"))
                    && !f[2].startsWith("loop") && !f[2].startsWith("zram") && !f[2].startsWith("ram");
            if (realDisk) {
                disks++;
                assertTrue(f[2] + " is a disk of /proc/diskstats, missing in " + io, io.containsKey(f[2]));
            }
            if (io.containsKey(f[2])) {
                long read = ((Number) ((Map<String, Object>) io.get(f[2])).get("read_bytes")).longValue();
                long theirs = Long.parseLong(f[5]) * 512;
                assertTrue(f[2] + " " + read + " vs " + theirs, theirs >= read && theirs - read < 256L * 1024 * 1024);
                checked++;
            }
        }
        assertTrue("checked " + checked + " of " + disks + " disks: " + io, checked >= disks);
        assertEquals("every device answered is in /proc/diskstats", io.size() - 1, checked);
        for (String key : io.keySet()) {
            assertFalse(key, key.startsWith("loop") || key.startsWith("zram") || key.startsWith("dm-"));
        }
    }

    @Test
    public void vmHardwareServiceAndResourceAnswer() {
        assertEquals(0, ((Number) SeedRows.vm(node.vm()).get("numbers")).intValue());
        Map<String, Object> hw = SeedRows.hardware(node.hardware());
        assertTrue(hw.get("server_version") instanceof String);
        assertFalse(((String) hw.get("server_version")).isEmpty());
        assertTrue(hw.get("cpu") instanceof Map && !((Map<?, ?>) hw.get("cpu")).isEmpty());
        assertTrue(hw.get("disk") instanceof Map && hw.get("gfxcard") instanceof Map && hw.get("memory") instanceof Map);
        Map<String, Object> svc = SeedRows.service(node.service());
        assertEquals("not found", svc.get("libvirtd")); // no systemd as init here
        assertEquals("not found", svc.get("sshd"));
        Map<String, Object> cpuvt = SeedRows.cpuvt(node.cpuvt());
        assertEquals(false, cpuvt.get("cpuvt"));
        assertEquals(SlowFigures.hostname(), cpuvt.get("hostname"));
        Map<String, Object> all = SeedRows.resource(node.resource());
        for (String k : new String[] {"cpu", "cpuvt", "memory", "disk", "diskio", "network", "networkio", "vm",
                "service", "utc"}) {
            assertTrue(k, all.containsKey(k));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    public void resourceStatisAcceptsTwoToSixty() throws IOException {
        for (int p : new int[] {0, 1, 61, -5, Integer.MAX_VALUE}) {
            assertEquals(88888, TestSupport.code(() -> node.resourceStatis(p)));
        }
        Map<String, Object> d = SeedRows.resourceStatis(node.resourceStatis(2));
        assertTrue(((String) d.get("cpu_util")).matches("\\d+\\.\\d\\d"));
        assertTrue(((String) d.get("memory_util")).matches("\\d+\\.\\d\\d"));
        Map<String, Object> root = (Map<String, Object>) ((Map<String, Object>) d.get("disk_util")).get("/");
        assertTrue(((String) root.get("rate")).matches("\\d+\\.\\d\\d"));
        assertTrue(root.get("total") instanceof Long);
        Map<String, Object> nics = (Map<String, Object>) d.get("nic_util");
        assertEquals(physicalNics(), nics.keySet());
        for (Object nic : nics.values()) {
            Map<String, Object> n = (Map<String, Object>) nic;
            assertTrue(n.get("read_bytes_avg") instanceof Long && n.get("write_bytes_max") instanceof Long);
            assertTrue(n.get("ip") instanceof String);
        }
        Map<String, Object> longest = SeedRows.resourceStatis(node.resourceStatis(60));
        assertEquals(List.of("cpu_util", "disk_util", "memory_util", "nic_util", "utc"), List.copyOf(longest.keySet()));
        assertTrue(((String) longest.get("cpu_util")).matches("\\d+\\.\\d\\d"));
    }

    @Test
    public void portStatusKeysArePortStrings() throws IOException {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = server.getLocalPort();
            List<Socket> open = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    open.add(new Socket(InetAddress.getLoopbackAddress(), port));
                    open.add(server.accept());
                }
                Map<String, Object> status = SeedRows.portStatus(node.portStatus(port + ",1"));
                assertEquals(Boolean.TRUE, status.get(Integer.toString(port)));
                assertEquals(Boolean.FALSE, status.get("1"));
            } finally {
                for (Socket s : open) {
                    s.close();
                }
            }
        }
        assertEquals(88888, TestSupport.code(() -> node.portStatus(null)));
        assertEquals(88888, TestSupport.code(() -> node.portStatus("x")));
    }

    @Test
    public void metricsUseNodeExporterNames() throws IOException {
        String text = node.metrics();
        int cpus = ((Number) SeedRows.cpu(node.cpu()).get("numbers")).intValue();
        assertEquals(cpus * 8L, text.lines().filter(l -> l.startsWith("node_cpu_seconds_total{")).count());
        long memTotal = keyedKib(Path.of("/proc/meminfo")).get("MemTotal") * 1024;
        assertTrue(text, text.contains("\nnode_memory_MemTotal_bytes " + memTotal + "\n"));
        for (String name : new String[] {"node_memory_MemAvailable_bytes ", "node_load1 ", "node_load5 ", "node_load15 ",
                "node_filesystem_size_bytes{", "node_filesystem_avail_bytes{", "node_filesystem_free_bytes{",
                "node_disk_read_bytes_total{", "node_disk_written_bytes_total{", "node_boot_time_seconds ",
                "# TYPE node_cpu_seconds_total counter", "# TYPE node_memory_MemTotal_bytes gauge"}) {
            assertTrue(name, text.contains(name));
        }
        assertTrue(text.contains("mountpoint=\"/\""));
        for (String line : text.split("\n")) {
            assertTrue(line, line.startsWith("#") || line.matches("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[^}]*\\})? \\S+"));
        }
        // node_exporter's host selector and the series Armada adds
        assertTrue(text, text.contains("\nnode_uname_info{domainname=\""));
        assertTrue(text.contains("\narmada_monitor_reports_sent_total "));
    }

    @Test
    public void theNodeStateIsKeptInTheDataFolder() throws IOException {
        ReportingImpl reporting = new ReportingImpl(TestSupport.config(Map.of()), node, thread,
                FleetStub.objects(new FleetStub()), tmp.newFolder("data").toPath(), "", 50002);
        try {
            nodeStateIsKept(reporting);
        } finally {
            reporting.deactivate();
        }
    }

    private void nodeStateIsKept(ReportingImpl node) throws IOException {
        ReportingState s = node.state();
        assertNull(s.target()); // no server URL, no TimerHandler address: no reports
        assertFalse(s.paused());
        assertTrue(s.nodeUuid().matches("[0-9a-f-]{36}"));
        Path file = tmp.getRoot().toPath().resolve("data/monitor/node.properties");
        assertTrue(Files.readString(file, StandardCharsets.UTF_8).contains("node_uuid=" + s.nodeUuid()));
        node.update("http://127.0.0.1:1/reports", null);
        node.pause();
        NodeState again = new NodeState(file.getParent());
        NodeState.Values v = again.load();
        assertEquals(s.nodeUuid(), v.nodeUuid());
        assertEquals("http://127.0.0.1:1/reports", v.addr());
        assertTrue(v.paused());
        assertEquals(88888, TestSupport.code(() -> node.update("ftp://x/y", null)));
        assertEquals(88888, TestSupport.code(() -> node.update(null, null)));
        assertEquals(88888, TestSupport.code(() -> node.update(null, "bad uuid with spaces")));
        assertEquals("http://127.0.0.1:1/reports", node.state().target());
    }
}
