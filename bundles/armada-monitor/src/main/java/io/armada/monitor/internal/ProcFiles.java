package io.armada.monitor.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The few figures read straight from {@code /proc} and {@code /etc} instead of through OSHI, each because OSHI's
 * way costs far more than the figure needs:
 * <ul>
 * <li>TCP connections: OSHI's {@code InternetProtocolStats.getConnections()} also maps every socket to its process
 * by walking every {@code /proc/<pid>/fd}; {@code port_status} needs only {@code /proc/net/tcp} and
 * {@code /proc/net/tcp6}.</li>
 * <li>Virtual machines: OSHI's process list builds a full process object (several files each) per process; counting
 * qemu processes needs one {@code /proc/<pid>/stat} read each.</li>
 * <li>NIC byte counters, every second: OSHI's {@code NetworkIF.updateAttributes()} reads 13 sysfs files per NIC
 * (about 0.5 ms each time here); {@code /proc/net/dev} has the same kernel counters for every NIC in one read. OSHI's
 * NetworkIF still gives the {@code network} route its addresses, MAC, speed and link.</li>
 * <li>{@code /etc/os-release}: not an OSHI figure ({@code VARIANT} is not exposed).</li>
 * </ul>
 * Paths are parameters so tests can point them at files of their own.
 */
final class ProcFiles {
    /** {@code st} of an ESTABLISHED socket in /proc/net/tcp. */
    private static final String ESTABLISHED = "01";

    private ProcFiles() {
    }

    /**
     * ESTABLISHED connections per local port, over the given {@code /proc/net/tcp}-format files (missing files are
     * skipped: a kernel without IPv6 has no tcp6).
     *
     * @return port → count for every port in {@code ports}, in their order
     */
    static Map<Integer, Integer> establishedByLocalPort(Collection<Integer> ports, Path... tcpTables) {
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        for (Integer p : ports) {
            counts.put(p, 0);
        }
        for (Path table : tcpTables) {
            String text;
            try {
                text = Files.readString(table, StandardCharsets.US_ASCII);
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + table + ": " + e.getMessage(), e);
            }
            countInto(text, counts);
        }
        return counts;
    }

    /** Adds the ESTABLISHED sockets of one table text to the counts of the ports already in {@code counts}. */
    static void countInto(String table, Map<Integer, Integer> counts) {
        int lineStart = table.indexOf('\n') + 1; // skip the header
        while (lineStart > 0 && lineStart < table.length()) {
            int lineEnd = table.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = table.length();
            }
            String[] f = table.substring(lineStart, lineEnd).trim().split("\\s+");
            // sl local_address rem_address st ...
            if (f.length > 3 && ESTABLISHED.equals(f[3])) {
                int colon = f[1].lastIndexOf(':');
                if (colon > 0) {
                    try {
                        int port = Integer.parseInt(f[1].substring(colon + 1), 16);
                        counts.computeIfPresent(port, (k, v) -> v + 1);
                    } catch (NumberFormatException ignored) {
                        // not a socket line
                    }
                }
            }
            lineStart = lineEnd + 1;
        }
    }

    /**
     * Running virtual machines: processes named {@code qemu-kvm} or {@code qemu-system-*} that are not zombies.
     * The kernel cuts a process name to 15 characters ({@code qemu-system-x86}), hence the prefix match.
     *
     * @param proc the {@code /proc} folder
     */
    static int countQemuProcesses(Path proc) {
        int n = 0;
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, ProcFiles::isPid)) {
            for (Path pid : pids) {
                String stat;
                try {
                    stat = Files.readString(pid.resolve("stat"), StandardCharsets.ISO_8859_1);
                } catch (IOException gone) {
                    continue; // the process ended meanwhile
                }
                if (isRunningQemu(stat)) {
                    n++;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + proc + ": " + e.getMessage(), e);
        }
        return n;
    }

    /** True for the stat line of a live qemu VM process: {@code pid (comm) state ...}. */
    static boolean isRunningQemu(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open || close + 2 >= stat.length()) {
            return false;
        }
        String comm = stat.substring(open + 1, close);
        char state = stat.charAt(close + 2);
        boolean qemu = comm.equals("qemu-kvm") || comm.startsWith("qemu-system-");
        return qemu && state != 'Z' && state != 'X';
    }

    private static boolean isPid(Path p) {
        String name = p.getFileName().toString();
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * The seed's {@code server_version}: {@code VARIANT} of os-release, else its {@code PRETTY_NAME}, else "".
     */
    static String serverVersion(Path osRelease) {
        Map<String, String> kv = keyValues(osRelease);
        String variant = kv.get("VARIANT");
        if (variant != null && !variant.isBlank()) {
            return variant;
        }
        return kv.getOrDefault("PRETTY_NAME", "");
    }

    /**
     * {@code KEY=value} lines of a shell-style file (os-release, ifcfg), with quotes removed; an absent file is
     * empty.
     */
    static Map<String, String> keyValues(Path file) {
        Map<String, String> out = new HashMap<>();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return out;
        }
        for (String line : text.split("\n")) {
            String l = line.trim();
            int eq = l.indexOf('=');
            if (l.startsWith("#") || eq <= 0) {
                continue;
            }
            out.put(l.substring(0, eq).trim(), unquote(l.substring(eq + 1).trim()));
        }
        return out;
    }

    static String unquote(String v) {
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    /**
     * The counters of {@code /proc/net/dev} per interface: received bytes, packets, errs, drop, fifo, frame,
     * compressed, multicast, then sent bytes, packets, errs, drop, fifo, colls, carrier, compressed.
     */
    static Map<String, long[]> netDev(String text) {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue; // the two header lines
            }
            String name = line.substring(0, colon).trim();
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            if (f.length < 16) {
                continue;
            }
            long[] c = new long[16];
            try {
                for (int i = 0; i < 16; i++) {
                    c[i] = Long.parseUnsignedLong(f[i]);
                }
            } catch (NumberFormatException e) {
                continue;
            }
            out.put(name, c);
        }
        return out;
    }

    /** The first line of a small file, trimmed; "" when absent. */
    static String firstLine(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8);
            int nl = s.indexOf('\n');
            return (nl < 0 ? s : s.substring(0, nl)).trim();
        } catch (IOException e) {
            return "";
        }
    }
}
