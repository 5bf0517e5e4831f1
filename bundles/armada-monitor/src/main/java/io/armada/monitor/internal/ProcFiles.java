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
import java.util.List;
import java.util.Map;

import io.armada.core.ApiException;

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
 * <li>The sampler's figures, every second: CPU ticks ({@code /proc/stat}) and memory ({@code /proc/meminfo}). OSHI
 * splits every line with a regular expression and builds a list of lines first: 3.5 ms a sample before the JIT
 * compiles it, which for code that runs once a second takes minutes (the node runs C1 only). The parsers here walk
 * the text once, with no regular expression.</li>
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
        Numbers numbers = new Numbers(text);
        int pos = 0;
        int n = text.length();
        while (pos < n) {
            int end = lineEnd(text, pos);
            int colon = text.indexOf(':', pos);
            if (colon > pos && colon < end) { // the two header lines have none
                String name = text.substring(pos, colon).trim();
                long[] c = new long[16];
                numbers.line(colon + 1, end);
                int i = 0;
                while (i < 16 && numbers.hasNext()) {
                    c[i++] = numbers.next();
                }
                if (i == 16 && !name.isEmpty()) {
                    out.put(name, c);
                }
            }
            pos = end + 1;
        }
        return out;
    }

    /** OSHI's tick types, in its order: user, nice, system, idle, iowait, irq, softirq, steal. */
    static final int TICK_TYPES = 8;
    /** The indexes of idle and iowait among them (OSHI's {@code TickType.IDLE} and {@code IOWAIT}). */
    static final int TICK_IDLE = 3;
    static final int TICK_IOWAIT = 4;

    /**
     * Per logical CPU, the time {@code /proc/stat} gives in each of OSHI's tick types, in clock ticks (USER_HZ): the
     * {@code cpuN} lines, as OSHI's {@code CpuStat} reads them; a CPU without a line (offline) stays zeros.
     */
    static long[][] cpuTicks(String stat, int cpus) {
        long[][] ticks = new long[cpus][TICK_TYPES];
        Numbers numbers = new Numbers(stat);
        int pos = 0;
        int n = stat.length();
        while (pos < n) {
            int end = lineEnd(stat, pos);
            if (stat.startsWith("cpu", pos) && pos + 3 < end && isDigit(stat.charAt(pos + 3))) {
                numbers.line(pos + 3, end);
                long id = numbers.next();
                if (id >= 0 && id < cpus) {
                    for (int i = 0; i < TICK_TYPES && numbers.hasNext(); i++) {
                        ticks[(int) id][i] = numbers.next();
                    }
                }
            }
            pos = end + 1;
        }
        return ticks;
    }

    /** Clock ticks to milliseconds in place, as OSHI does ({@code ticks * 1000 / hz}). */
    static long[][] toMillis(long[][] ticks, long userHz) {
        for (long[] cpu : ticks) {
            for (int t = 0; t < cpu.length; t++) {
                cpu[t] = cpu[t] * 1000 / userHz;
            }
        }
        return ticks;
    }

    /**
     * {@code MemTotal} and {@code MemAvailable} of {@code /proc/meminfo} in bytes, {@code {total, available}}; -1 for
     * a field that is absent (MemAvailable came with Linux 3.14).
     */
    static long[] memTotalAvailable(String meminfo) {
        long[] out = {-1, -1};
        Numbers numbers = new Numbers(meminfo);
        int pos = 0;
        int n = meminfo.length();
        while (pos < n && (out[0] < 0 || out[1] < 0)) {
            int end = lineEnd(meminfo, pos);
            int field = meminfo.startsWith("MemTotal:", pos) ? 0 : meminfo.startsWith("MemAvailable:", pos) ? 1 : -1;
            if (field >= 0) {
                numbers.line(meminfo.indexOf(':', pos) + 1, end);
                if (numbers.hasNext()) {
                    long v = numbers.next();
                    out[field] = meminfo.startsWith("kB", numbers.position()) ? v * 1024 : v;
                }
            }
            pos = end + 1;
        }
        return out;
    }

    /** An ASCII digit: {@code Character.isDigit} also takes other scripts' digits, which no /proc file has. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int lineEnd(String text, int from) {
        int end = text.indexOf('\n', from);
        return end < 0 ? text.length() : end;
    }

    /** The unsigned decimal numbers of one line of a /proc file, separated by blanks. */
    private static final class Numbers {
        private final String text;
        private int pos;
        private int end;

        Numbers(String text) {
            this.text = text;
        }

        void line(int from, int to) {
            pos = from;
            end = to;
        }

        /** True when the next token of the line is a number (digits up to a blank or the end of the line). */
        boolean hasNext() {
            while (pos < end && isBlank(text.charAt(pos))) {
                pos++;
            }
            int i = pos;
            while (i < end && isDigit(text.charAt(i))) {
                i++;
            }
            return i > pos && (i == end || isBlank(text.charAt(i)));
        }

        /** The next number (wrapping above 2^64, like the kernel's counters), -1 when the next token is none. */
        long next() {
            if (!hasNext()) {
                return -1;
            }
            long v = 0;
            while (pos < end && isDigit(text.charAt(pos))) {
                v = v * 10 + (text.charAt(pos++) - '0');
            }
            while (pos < end && isBlank(text.charAt(pos))) { // to where a unit (kB) starts
                pos++;
            }
            return v;
        }

        private static boolean isBlank(char c) {
            return c == ' ' || c == '\t';
        }

        int position() {
            return pos;
        }
    }

    /** The number of {@code cpuN} lines of {@code /proc/stat}: the online logical CPUs, as OSHI counts them. */
    static int cpuLines(String stat) {
        int count = 0;
        int pos = 0;
        int n = stat.length();
        while (pos < n) {
            int end = lineEnd(stat, pos);
            if (stat.startsWith("cpu", pos) && pos + 3 < end && isDigit(stat.charAt(pos + 3))) {
                count++;
            }
            pos = end + 1;
        }
        return count;
    }

    /** A sysfs number ("10000", "1"); 0 for "" or anything else. */
    static long longOrZero(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
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

    /**
     * Bytes read and written by a partition, from {@code /sys/block/<disk>/<part>/stat} (the file OSHI reads for the
     * disk itself; OSHI keeps no counters per partition). Fields 3 and 7 count 512-byte sectors.
     */
    static long[] partitionBytes(String disk, String partition) {
        if (partition == null || partition.contains("/") || partition.startsWith(".")) {
            return null;
        }
        String stat = firstLine(Path.of("/sys/block", disk, partition, "stat"));
        return parseBlockStat(stat);
    }

    static long[] parseBlockStat(String stat) {
        String[] f = stat.trim().split("\\s+");
        if (f.length < 7) {
            return null;
        }
        try {
            return new long[] {Long.parseLong(f[2]) * 512L, Long.parseLong(f[6]) * 512L};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** "55460,5905" → [55460, 5905] (duplicates dropped); anything else is the dialect's bad request. */
    static List<Integer> parsePorts(String ports) {
        if (ports == null || ports.isBlank()) {
            throw ApiException.badRequest("ports is required");
        }
        java.util.LinkedHashSet<Integer> out = new java.util.LinkedHashSet<>();
        for (String p : ports.split(",")) {
            String t = p.trim();
            if (t.isEmpty()) {
                continue;
            }
            int port;
            try {
                port = Integer.parseInt(t);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("ports must be comma-separated port numbers");
            }
            if (port < 1 || port > 65535) {
                throw ApiException.badRequest("a port is a number from 1 to 65535");
            }
            out.add(port);
            if (out.size() > 1024) {
                throw ApiException.badRequest("at most 1024 ports");
            }
        }
        if (out.isEmpty()) {
            throw ApiException.badRequest("ports is required");
        }
        return new java.util.ArrayList<>(out);
    }
}
