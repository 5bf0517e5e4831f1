package io.armada.monitor.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * node_exporter's default Linux collectors, run in its order of names: each reads its {@code /proc}, {@code /sys}
 * or {@code /etc} files and writes its families with the parsers of {@link ProcMetrics}; then
 * {@code node_scrape_collector_success} and {@code node_scrape_collector_duration_seconds} for each. A collector
 * whose files this machine does not have writes nothing and counts as not successful (node_exporter's "no data");
 * one that throws costs a DEBUG line, never the page. Runs when {@link MonitorNode} builds the page, at most once a
 * sample: every read is of a kernel file in memory (no disk, no process); statvfs runs on a helper with
 * node_exporter's 5 s mount timeout ({@link FsStats}), systemctl on the monitor thread ({@link SystemdUnits}).
 *
 * <p>The roots are parameters, so a test points them at a folder of fixture files.
 */
final class NodeCollectors {
    private static final Logger LOG = LoggerFactory.getLogger(NodeCollectors.class);

    /** node_exporter's default collectors that Linux gives here, in its order of names. */
    static final String[] NAMES = {"arp", "conntrack", "cpu", "diskstats", "entropy", "filefd", "filesystem", "hwmon",
        "loadavg", "meminfo", "netclass", "netdev", "netstat", "os", "pressure", "schedstat", "selinux", "sockstat",
        "softnet", "stat", "systemd", "textfile", "time", "timex", "udp_queues", "uname", "vmstat"};

    private final Path proc;
    private final Path sys;
    private final Path etc;
    private final Path udev;
    private final LibC libc;
    private final long userHz;
    private final long pageSize;
    private final FsStats fsStats;
    private final Supplier<SystemdUnits.Snapshot> systemd;

    NodeCollectors(Path proc, Path sys, Path etc, Path udev, LibC libc, long userHz,
            Supplier<SystemdUnits.Snapshot> systemd) {
        this.proc = proc;
        this.sys = sys;
        this.etc = etc;
        this.udev = udev;
        this.libc = libc;
        this.userHz = userHz > 0 ? userHz : 100;
        long ps = 4096;
        if (libc != null) {
            try {
                ps = libc.pageSize();
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("getpagesize: {}", e.toString());
            }
        }
        this.pageSize = ps;
        this.fsStats = new FsStats(libc == null ? null : libc::statvfs, 5_000);
        this.systemd = systemd;
    }

    /**
     * Runs one collector: writes its families, answers false when it found nothing to write. One switch rather than a
     * lambda per collector: each lambda is a class of its own, loaded at the first scrape (node RSS, bench/monitor.sh).
     */
    private boolean collect(String name, MetricsText m) throws IOException {
        switch (name) {
            case "arp":
                return ProcNetArp.arp(read(proc.resolve("net/arp")), m);
            case "conntrack":
                return ProcConntrack.conntrack(readOrNull(proc.resolve("sys/net/netfilter/nf_conntrack_count")),
                        readOrNull(proc.resolve("sys/net/netfilter/nf_conntrack_max")),
                        readOrNull(proc.resolve("net/stat/nf_conntrack")), m);
            case "cpu":
                return ProcStat.cpu(read(proc.resolve("stat")), userHz, m);
            case "diskstats":
                return diskstats(m);
            case "entropy":
                return entropy(m);
            case "filefd":
                return ProcFileNr.filefd(read(proc.resolve("sys/fs/file-nr")), m);
            case "filesystem":
                return filesystem(m);
            case "hwmon":
                return SysClassCollectors.hwmon(sys, m);
            case "loadavg":
                return ProcLoadavg.loadavg(read(proc.resolve("loadavg")), m);
            case "meminfo":
                return ProcMeminfo.meminfo(read(proc.resolve("meminfo")), m);
            case "netclass":
                return SysClassCollectors.netclass(sys, m);
            case "netdev":
                return netdev(m);
            case "netstat":
                return ProcNetstat.netstat(readOrNull(proc.resolve("net/netstat")), readOrNull(proc.resolve("net/snmp")),
                        readOrNull(proc.resolve("net/snmp6")), m);
            case "os":
                return os(m);
            case "pressure":
                return pressure(m);
            case "schedstat": {
                String s = readOrNull(proc.resolve("schedstat"));
                return s != null && ProcSchedstat.schedstat(s, m);
            }
            case "selinux":
                return selinux(m);
            case "sockstat":
                return sockstat(m);
            case "softnet":
                return ProcSoftnet.softnet(read(proc.resolve("net/softnet_stat")), m);
            case "stat":
                return ProcStat.stat(read(proc.resolve("stat")), m);
            case "systemd":
                return SystemdUnits.write(systemd.get(), m);
            case "textfile":
                m.family("node_textfile_scrape_error", "gauge",
                        "1 if there was an error opening or reading a file, 0 otherwise").sample("node_textfile_scrape_error", 0L);
                return true;
            case "time":
                return time(m);
            case "timex":
                return timex(m);
            case "udp_queues":
                return ProcNetUdp.udpQueues(readOrNull(proc.resolve("net/udp")), readOrNull(proc.resolve("net/udp6")), m);
            case "uname":
                return uname(m);
            case "vmstat":
                return ProcVmstat.vmstat(read(proc.resolve("vmstat")), m);
            default:
                throw new IllegalArgumentException(name);
        }
    }

    /** This machine's. */
    static NodeCollectors system(long userHz, Supplier<SystemdUnits.Snapshot> systemd) {
        return new NodeCollectors(Path.of("/proc"), Path.of("/sys"), Path.of("/etc"), Path.of("/run/udev/data"), LibC.load(),
                userHz, systemd);
    }

    /** Ends the statvfs helpers. */
    void close() {
        fsStats.close();
    }

    /** Every collector, then the scrape series. */
    void write(MetricsText m) {
        Map<String, double[]> results = new LinkedHashMap<>();
        for (String name : NAMES) {
            long start = System.nanoTime();
            boolean ok;
            MetricsText part = new MetricsText(2048);
            try {
                ok = collect(name, part);
            } catch (IOException | RuntimeException e) {
                LOG.debug("Collector {} failed: {}", name, e.toString());
                ok = false;
            }
            if (ok) {
                m.append(part);
            }
            results.put(name, new double[] {(System.nanoTime() - start) / 1e9, ok ? 1 : 0});
        }
        m.family("node_scrape_collector_duration_seconds", "gauge", "node_exporter: Duration of a collector scrape.");
        for (Map.Entry<String, double[]> r : results.entrySet()) {
            m.sample("node_scrape_collector_duration_seconds", r.getValue()[0], "collector", r.getKey());
        }
        m.family("node_scrape_collector_success", "gauge", "node_exporter: Whether a collector succeeded.");
        for (Map.Entry<String, double[]> r : results.entrySet()) {
            m.sample("node_scrape_collector_success", (long) r.getValue()[1], "collector", r.getKey());
        }
    }

    private boolean diskstats(MetricsText m) throws IOException {
        List<ProcDiskstats.Disk> disks = ProcDiskstats.disks(read(proc.resolve("diskstats")));
        Map<String, Map<String, String>> props = new HashMap<>();
        for (ProcDiskstats.Disk d : disks) {
            String data = readOrNull(udev.resolve("b" + d.major() + ":" + d.minor()));
            Map<String, String> p = new HashMap<>();
            if (data != null) {
                for (String line : data.split("\n")) {
                    int eq = line.indexOf('=');
                    if (line.startsWith("E:") && eq > 2) {
                        p.put(line.substring(2, eq), line.substring(eq + 1));
                    }
                }
            }
            props.put(d.name(), p);
        }
        return ProcDiskstats.diskstats(disks, props, m);
    }

    private boolean entropy(MetricsText m) throws IOException {
        Long avail = ProcMetrics.parseLong(read(proc.resolve("sys/kernel/random/entropy_avail")).trim());
        if (avail == null) {
            return false;
        }
        m.family("node_entropy_available_bits", "gauge", "Bits of available entropy.").sample("node_entropy_available_bits", (long) avail);
        String pool = readOrNull(proc.resolve("sys/kernel/random/poolsize"));
        Long size = pool == null ? null : ProcMetrics.parseLong(pool.trim());
        if (size != null) {
            m.family("node_entropy_pool_size_bits", "gauge", "Bits of entropy pool.").sample("node_entropy_pool_size_bits", (long) size);
        }
        return true;
    }

    private boolean filesystem(MetricsText m) throws IOException {
        List<ProcMounts.FsStat> stats = new ArrayList<>();
        for (ProcMounts.Mount mount : ProcMounts.mounts(read(proc.resolve("self/mounts")))) {
            stats.add(fsStats.stat(mount));
        }
        return ProcMounts.filesystems(stats, m);
    }


    /**
     * {@code /proc/net/dev}, and {@code rx_nohandler} of each interface's sysfs statistics (node_exporter reads it
     * through netlink; /proc/net/dev has no column for it).
     */
    private boolean netdev(MetricsText m) throws IOException {
        String text = read(proc.resolve("net/dev"));
        if (!ProcNetDev.netdev(text, m)) {
            return false;
        }
        boolean started = false;
        for (String dev : ProcFiles.netDev(text).keySet()) {
            String v = dev.contains("/") ? null : readOrNull(sys.resolve("class/net").resolve(dev).resolve("statistics/rx_nohandler"));
            Long n = v == null ? null : ProcMetrics.parseLong(v.trim());
            if (n == null) {
                continue;
            }
            if (!started) {
                m.family("node_network_receive_nohandler_total", "counter", "Network device statistic receive_nohandler.");
                started = true;
            }
            m.sample("node_network_receive_nohandler_total", (long) n, "device", dev);
        }
        return true;
    }

    private boolean os(MetricsText m) throws IOException {
        String text = readUtf8OrNull(etc.resolve("os-release"));
        if (text == null) {
            text = readUtf8OrNull(etc.resolve("../usr/lib/os-release").normalize());
        }
        return text != null && SystemInfo.osRelease(text, m);
    }

    private boolean pressure(MetricsText m) {
        boolean any = false;
        for (String r : new String[] {"cpu", "io", "memory", "irq"}) {
            String text = readOrNull(proc.resolve("pressure").resolve(r));
            if (text != null) {
                any |= ProcPressure.pressure(r, text, m);
            }
        }
        return any;
    }

    private boolean selinux(MetricsText m) {
        boolean enabled = Files.isRegularFile(sys.resolve("fs/selinux/enforce"));
        m.family("node_selinux_enabled", "gauge", "SELinux is enabled, 1 is true, 0 is false")
                .sample("node_selinux_enabled", enabled ? 1L : 0L);
        if (enabled) {
            String enforce = readOrNull(sys.resolve("fs/selinux/enforce"));
            Long mode = enforce == null ? null : ProcMetrics.parseLong(enforce.trim());
            if (mode != null) {
                m.family("node_selinux_current_mode", "gauge", "SELinux current mode: 1 enforcing, 0 permissive")
                        .sample("node_selinux_current_mode", (long) mode);
            }
        }
        return true;
    }

    private boolean sockstat(MetricsText m) throws IOException {
        boolean any = ProcSockstat.sockstat(read(proc.resolve("net/sockstat")), pageSize, m);
        String six = readOrNull(proc.resolve("net/sockstat6"));
        if (six != null) {
            any |= ProcSockstat.sockstat(six, pageSize, m);
        }
        return any;
    }

    private boolean time(MetricsText m) {
        long now = System.currentTimeMillis();
        m.family("node_time_seconds", "gauge", "System time in seconds since epoch (1970).").sample("node_time_seconds", now / 1000.0);
        TimeZone tz = TimeZone.getDefault();
        boolean dst = tz.inDaylightTime(new java.util.Date(now));
        m.family("node_time_zone_offset_seconds", "gauge", "System time zone offset in seconds.")
                .sample("node_time_zone_offset_seconds", tz.getOffset(now) / 1000L, "time_zone",
                        tz.getDisplayName(dst, TimeZone.SHORT, Locale.ROOT));
        Path cs = sys.resolve("devices/system/clocksource");
        Map<String, String[]> available = new TreeMap<>();
        Map<String, String> current = new TreeMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(cs, "clocksource*")) {
            for (Path d : dirs) {
                String dev = d.getFileName().toString().substring("clocksource".length());
                String a = readOrNull(d.resolve("available_clocksource"));
                String c = readOrNull(d.resolve("current_clocksource"));
                if (a != null) {
                    available.put(dev, ProcMetrics.fields(a));
                }
                if (c != null) {
                    current.put(dev, c.trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.trace("no clocksource: {}", e.toString());
        }
        if (!available.isEmpty()) {
            m.family("node_time_clocksource_available_info", "gauge",
                    "Available clocksources read from '/sys/devices/system/clocksource'.");
            for (Map.Entry<String, String[]> a : available.entrySet()) {
                for (String s : a.getValue()) {
                    m.sample("node_time_clocksource_available_info", 1L, "clocksource", s, "device", a.getKey());
                }
            }
        }
        if (!current.isEmpty()) {
            m.family("node_time_clocksource_current_info", "gauge",
                    "Current clocksource read from '/sys/devices/system/clocksource'.");
            for (Map.Entry<String, String> c : current.entrySet()) {
                m.sample("node_time_clocksource_current_info", 1L, "clocksource", c.getValue(), "device", c.getKey());
            }
        }
        return true;
    }

    private boolean timex(MetricsText m) {
        if (libc == null) {
            return false;
        }
        long[] t = libc.adjtimex();
        if (t == null) {
            return false;
        }
        long[] fields = new long[Timex.TX_FIELDS];
        System.arraycopy(t, 1, fields, 0, fields.length);
        Timex.timex((int) t[0], fields, m);
        return true;
    }

    private boolean uname(MetricsText m) throws IOException {
        Path k = proc.resolve("sys/kernel");
        String machine = firstLineOr(k.resolve("arch"), "");
        if (machine.isEmpty()) {
            String arch = System.getProperty("os.arch", "");
            machine = switch (arch) {
                case "amd64" -> "x86_64";
                case "x86" -> "i686";
                default -> arch;
            };
        }
        String sysname = firstLineOr(k.resolve("ostype"), "");
        if (sysname.isEmpty()) {
            return false;
        }
        SystemInfo.uname(sysname, firstLineOr(k.resolve("hostname"), ""), firstLineOr(k.resolve("osrelease"), ""),
                firstLineOr(k.resolve("version"), ""), machine, firstLineOr(k.resolve("domainname"), ""), m);
        return true;
    }

    private static String firstLineOr(Path p, String otherwise) {
        String s = readOrNull(p);
        if (s == null) {
            return otherwise;
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    /**
     * A kernel file's text. Not {@link Files#readString}: for a file of size 0 (every /proc file) it reads one byte
     * first, then the rest at offset 1, and the integer sysctls ({@code /proc/sys/fs/file-nr},
     * {@code .../random/poolsize}, {@code nf_conntrack_max}) answer nothing to a read that does not start at 0, so
     * their value was cut to its first digit. {@link java.io.InputStream#readAllBytes()} starts with an 8 KiB read.
     */
    private static String read(Path p) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(p)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String readUtf8OrNull(Path p) {
        try (java.io.InputStream in = Files.newInputStream(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The file's text, null when it is absent or unreadable (a sysfs attribute of a link that is down). */
    static String readOrNull(Path p) {
        try {
            return read(p);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
