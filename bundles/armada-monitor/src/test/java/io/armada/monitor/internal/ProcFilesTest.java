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
                assertTrue(after.get(port) >= MonitorNode.PORT_STATUS_MIN_CONNECTIONS);
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
        assertEquals(List.of(55460, 5905), MonitorNode.parsePorts("55460,5905"));
        assertEquals(List.of(55460, 5905), MonitorNode.parsePorts(" 55460 , 5905,55460 "));
        for (String bad : new String[] {null, "", " ", ",", "abc", "1,x", "0", "65536", "-1", "1.5"}) {
            assertEquals(bad, 88888, TestSupport.code(() -> MonitorNode.parsePorts(bad)));
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
        long[] rw = MonitorNode.parseBlockStat("  100 0 2048 10 50 0 4096 20 0 30 30");
        assertEquals(2048L * 512, rw[0]);
        assertEquals(4096L * 512, rw[1]);
        assertEquals(null, MonitorNode.parseBlockStat("1 2"));
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
}
