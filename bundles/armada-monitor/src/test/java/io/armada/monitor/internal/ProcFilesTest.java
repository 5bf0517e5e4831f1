package io.armada.monitor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** port_status counting, the qemu process count, os-release. */
public class ProcFilesTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static final Path[] TCP = {Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6")};

    /** Opens {@code n} loopback connections to a listening socket and counts them by the server's local port. */
    private static int establishedWith(int n) throws IOException {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = server.getLocalPort();
            List<Socket> clients = new ArrayList<>();
            List<Socket> accepted = new ArrayList<>();
            try {
                for (int i = 0; i < n; i++) {
                    clients.add(new Socket(InetAddress.getLoopbackAddress(), port));
                    accepted.add(server.accept());
                }
                return ProcFiles.establishedByLocalPort(List.of(port), TCP).get(port);
            } finally {
                for (Socket s : clients) {
                    s.close();
                }
                for (Socket s : accepted) {
                    s.close();
                }
            }
        }
    }

    @Test
    public void countsEstablishedConnectionsByLocalPortOnRealLoopbackSockets() throws IOException {
        assertEquals(4, establishedWith(4));
        assertEquals(3, establishedWith(3));
        assertEquals(0, establishedWith(0));
    }

    @Test
    public void portStatusIsTrueFromFourConnections() throws IOException {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = server.getLocalPort();
            List<Socket> open = new ArrayList<>();
            try {
                Map<Integer, Integer> before = ProcFiles.establishedByLocalPort(List.of(port), TCP);
                assertEquals(Integer.valueOf(0), before.get(port));
                for (int i = 0; i < 4; i++) {
                    open.add(new Socket(InetAddress.getLoopbackAddress(), port));
                    open.add(server.accept());
                }
                Map<Integer, Integer> after = ProcFiles.establishedByLocalPort(List.of(port, 1), TCP);
                assertEquals(Integer.valueOf(4), after.get(port));
                assertEquals(Integer.valueOf(0), after.get(1));
                // the clients' side has the port as remote, not local: not counted
                assertTrue(after.get(port) >= SeedAnswers.PORT_STATUS_MIN_CONNECTIONS);
            } finally {
                for (Socket s : open) {
                    s.close();
                }
            }
        }
    }

    @Test
    public void parsesTheTableFormat() {
        String table = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
                + "   0: 0100007F:170D 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1\n"
                + "   1: 0100007F:170D 0100007F:D2A4 01 00000000:00000000 00:00000000 00000000     0        0 2 1\n"
                + "   2: 0100007F:170D 0100007F:D2A6 01 00000000:00000000 00:00000000 00000000     0        0 3 1\n"
                + "   3: 0100007F:D2A4 0100007F:170D 01 00000000:00000000 00:00000000 00000000     0        0 4 1\n"
                + "   4: 0100007F:170D 0100007F:D2A8 06 00000000:00000000 00:00000000 00000000     0        0 5 1\n";
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        counts.put(5901, 0); // 0x170D
        counts.put(53924, 0); // 0xD2A4
        ProcFiles.countInto(table, counts);
        assertEquals(Integer.valueOf(2), counts.get(5901)); // listen (0A) and TIME_WAIT (06) are not counted
        assertEquals(Integer.valueOf(1), counts.get(53924));
    }

    @Test
    public void portsMustBeACommaSeparatedListOfPortNumbers() {
        assertEquals(List.of(55460, 5905), ProcFiles.parsePorts("55460,5905"));
        assertEquals(List.of(55460, 5905), ProcFiles.parsePorts(" 55460 , 5905,55460 "));
        for (String bad : new String[] {null, "", " ", ",", "abc", "1,x", "0", "65536", "-1", "1.5"}) {
            assertEquals(bad, 88888, TestSupport.code(() -> ProcFiles.parsePorts(bad)));
        }
    }

    @Test
    public void countsRunningQemuProcessesOnly() throws IOException {
        Path proc = tmp.newFolder("proc").toPath();
        stat(proc, 1, "1 (systemd) S 0 1");
        stat(proc, 100, "100 (qemu-kvm) S 1 100");
        stat(proc, 101, "101 (qemu-system-x86) R 1 101"); // qemu-system-x86_64 cut to 15 characters
        stat(proc, 102, "102 (qemu-system-aar) Z 1 102"); // defunct
        stat(proc, 103, "103 (my (odd) qemu-kvm) S 1 103");
        stat(proc, 104, "104 (kvm) S 1 104");
        Files.createDirectories(proc.resolve("self"));
        Files.writeString(proc.resolve("uptime"), "1 1");
        assertEquals(2, ProcFiles.countQemuProcesses(proc));
        assertFalse(ProcFiles.isRunningQemu("garbage"));
        assertTrue(ProcFiles.isRunningQemu("7 (qemu-kvm) D 1"));
    }

    @Test
    public void countsOnThisMachineWithoutFailing() {
        assertTrue(ProcFiles.countQemuProcesses(Path.of("/proc")) >= 0);
    }

    private static void stat(Path proc, int pid, String line) throws IOException {
        Path d = Files.createDirectories(proc.resolve(Integer.toString(pid)));
        Files.writeString(d.resolve("stat"), line + " 0 0 0\n");
    }

    @Test
    public void serverVersionIsVariantElsePrettyName() throws IOException {
        Path withVariant = tmp.newFile("os1").toPath();
        Files.writeString(withVariant, "NAME=\"YI\"\nPRETTY_NAME=\"YI Linux 5\"\nVARIANT=\"YI Server 5.0\"\n");
        assertEquals("YI Server 5.0", ProcFiles.serverVersion(withVariant));
        Path without = tmp.newFile("os2").toPath();
        Files.writeString(without, "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\n");
        assertEquals("Debian GNU/Linux 12 (bookworm)", ProcFiles.serverVersion(without));
        assertEquals("", ProcFiles.serverVersion(tmp.getRoot().toPath().resolve("absent")));
    }

    @Test
    public void blockStatGivesBytes() {
        long[] rw = ProcFiles.parseBlockStat("  100 0 2048 10 50 0 4096 20 0 30 30");
        assertEquals(2048L * 512, rw[0]);
        assertEquals(4096L * 512, rw[1]);
        assertEquals(null, ProcFiles.parseBlockStat("1 2"));
    }

    @Test
    public void parsesProcNetDev() {
        String text = "Inter-|   Receive                                                |  Transmit\n"
                + " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n"
                + "    lo:  263823412  1000    0    0    0     0          0         0 263823412  1000    0    0    0     0       0          0\n"
                + "  eth0:18446744073709551615 14170 1 2 0 0 0 0  1379428   11472    3    4    0     0       0          0\n";
        Map<String, long[]> dev = ProcFiles.netDev(text);
        assertEquals(List.of("lo", "eth0"), List.copyOf(dev.keySet()));
        assertEquals(-1L, dev.get("eth0")[0]); // unsigned 64-bit counters
        assertEquals(14170L, dev.get("eth0")[1]);
        assertEquals(1379428L, dev.get("eth0")[8]);
        assertEquals(3L, dev.get("eth0")[10]);
    }

    @Test
    public void aMalformedNetDevLineIsSkipped() {
        String text = "h1\nh2\n  eth0: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n  eth1: 1 2 x3 4 5 6 7 8 9 10 11 12 13 14 15 16\n"
                + "  eth2: 1 2 3\n"
                + "  eth3: \u0661 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n"; // a digit, but not an ASCII one
        assertEquals(List.of("eth0"), List.copyOf(ProcFiles.netDev(text).keySet()));
    }

    private static final String STAT = "cpu  10132153 290696 3084719 46828483 16683 0 25195 0 175628 0\n"
            + "cpu0 1393280 32966 572056 13343292 6130 0 17875 7 0 0\n"
            + "cpu1 1335513 42 401009 3371 10 3 4 5\n"
            + "intr 1462898 0 0 0\n"
            + "cpu3 1 2 3 4 5 6 7 8 9 10\n"
            + "ctxt 1990473\n";

    @Test
    public void cpuTicksComeFromTheCpuNLinesInOshisOrder() {
        long[][] t = ProcFiles.cpuTicks(STAT, 3);
        assertEquals(List.of(1393280L, 32966L, 572056L, 13343292L, 6130L, 0L, 17875L, 7L), boxed(t[0]));
        assertEquals(List.of(1335513L, 42L, 401009L, 3371L, 10L, 3L, 4L, 5L), boxed(t[1]));
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L), boxed(t[2])); // offline: no line; cpu3 is beyond 3 CPUs
    }

    @Test
    public void ticksBecomeMillisecondsAsOshiMakesThem() {
        long[][] raw = {{1393280, 32966, 13343292}};
        assertEquals(List.of(13932800L, 329660L, 133432920L), boxed(ProcFiles.toMillis(raw, 100)[0]));
        assertEquals(List.of(4L), boxed(ProcFiles.toMillis(new long[][] {{1}}, 250)[0]));
    }

    @Test
    public void logicalCpusAreTheCpuNLines() {
        assertEquals(3, ProcFiles.cpuLines(STAT)); // cpu0, cpu1, cpu3: the online ones, as OSHI counts them
        assertEquals(0, ProcFiles.cpuLines("intr 1 2\nctxt 5\n"));
    }

    @Test
    public void userHzIsTheAuxiliaryVectorsClockTick() {
        java.nio.ByteBuffer le = java.nio.ByteBuffer.allocate(64).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        le.putLong(6).putLong(4096).putLong(17).putLong(250).putLong(0).putLong(0); // AT_PAGESZ, AT_CLKTCK, AT_NULL
        assertEquals(250, Figures.auxvValue(le.array(), 8, java.nio.ByteOrder.LITTLE_ENDIAN, 17));
        assertEquals(-1, Figures.auxvValue(le.array(), 8, java.nio.ByteOrder.LITTLE_ENDIAN, 33)); // ends at AT_NULL
        java.nio.ByteBuffer be32 = java.nio.ByteBuffer.allocate(24).order(java.nio.ByteOrder.BIG_ENDIAN);
        be32.putInt(17).putInt(1024).putInt(0).putInt(0);
        assertEquals(1024, Figures.auxvValue(be32.array(), 4, java.nio.ByteOrder.BIG_ENDIAN, 17));
        assertEquals(100, Figures.userHz(java.nio.file.Path.of("/no/such/auxv"))); // Linux's USER_HZ nearly everywhere
    }

    @Test
    public void memTotalAndAvailableInBytes() {
        String meminfo = "MemTotal:       24684376 kB\nMemFree:        23000000 kB\nMemAvailable:   24360800 kB\n"
                + "Buffers:           12345 kB\n";
        long[] m = ProcFiles.memTotalAvailable(meminfo);
        assertEquals(24684376L * 1024, m[0]);
        assertEquals(24360800L * 1024, m[1]);
        long[] old = ProcFiles.memTotalAvailable("MemTotal: 1024 kB\nMemFree: 512 kB\n"); // before Linux 3.14
        assertEquals(1024L * 1024, old[0]);
        assertEquals(-1L, old[1]);
    }

    @Test
    public void onLinuxTheSamplersReadingsMatchOshis() throws Exception {
        Assume.assumeTrue(Files.isReadable(Figures.PROC_STAT) && Files.isReadable(Figures.PROC_MEMINFO));
        oshi.hardware.HardwareAbstractionLayer hal = new oshi.nativefree.SystemInfo().getHardware();
        int cpus = hal.getProcessor().getLogicalProcessorCount();
        long[][] before = hal.getProcessor().getProcessorCpuLoadTicks();
        long[][] raw = ProcFiles.cpuTicks(Files.readString(Figures.PROC_STAT), cpus);
        long[][] after = hal.getProcessor().getProcessorCpuLoadTicks();
        long hz = Figures.userHz(java.nio.file.Path.of("/proc/self/auxv"));
        assertEquals(cpus, ProcFiles.cpuLines(Files.readString(Figures.PROC_STAT)));
        long[][] ours = ProcFiles.toMillis(raw, hz);
        for (int c = 0; c < cpus; c++) {
            for (int t = 0; t < ProcFiles.TICK_TYPES; t++) {
                // between OSHI's two readings (OSHI keeps a reading for a moment: both may be the same one)
                long slack = 1000 * 2 / hz + 1;
                assertTrue("cpu" + c + " tick " + t, ours[c][t] >= before[c][t] - slack && ours[c][t] <= after[c][t] + 1000);
            }
        }
        long[] m = ProcFiles.memTotalAvailable(Files.readString(Figures.PROC_MEMINFO));
        assertEquals(hal.getMemory().getTotal(), m[0]);
        assertTrue(m[1] > 0 && m[1] <= m[0]);
    }

    private static List<Long> boxed(long[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }
}
