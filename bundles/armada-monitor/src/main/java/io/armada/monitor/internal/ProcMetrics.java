package io.armada.monitor.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * node_exporter's default Linux collectors as plain parsers: each takes the text of a {@code /proc} (or
 * {@code /sys}, {@code /etc}) file and writes the families node_exporter 1.5 writes for it, with its names, label
 * keys, units, types and help texts. A field the text does not have is not written (absent, never zero). No file
 * access here ({@link NodeCollectors} reads the files), so every parser is tested on a fixture.
 */
final class ProcMetrics {
    /** node_exporter's {@code --collector.vmstat.fields} default. */
    static final Pattern VMSTAT_FIELDS = Pattern.compile("^(oom_kill|pgpg|pswp|pg.*fault).*");
    /** node_exporter's {@code --collector.netstat.fields} default. */
    static final Pattern NETSTAT_FIELDS = Pattern.compile("^(.*_(InErrors|InErrs)|Ip_Forwarding|Ip(6|Ext)_(InOctets|OutOctets)"
            + "|Icmp6?_(InMsgs|OutMsgs)|TcpExt_(Listen.*|Syncookies.*|TCPSynRetrans|TCPTimeouts)"
            + "|Tcp_(ActiveOpens|InSegs|OutSegs|OutRsts|PassiveOpens|RetransSegs|CurrEstab)"
            + "|Udp6?_(InDatagrams|OutDatagrams|NoPorts|RcvbufErrors|SndbufErrors))$");
    /** node_exporter's {@code --collector.diskstats.device-exclude} default. */
    static final Pattern DISK_EXCLUDE = Pattern.compile("^(ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+$");
    /** node_exporter's {@code --collector.filesystem.mount-points-exclude} default. */
    static final Pattern FS_MOUNT_EXCLUDE = Pattern.compile(
            "^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)");
    /** node_exporter's {@code --collector.filesystem.fs-types-exclude} default. */
    static final Pattern FS_TYPE_EXCLUDE = Pattern.compile("^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs"
            + "|fusectl|hugetlbfs|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs"
            + "|squashfs|sysfs|tracefs)$");

    private static final String[] CPU_MODES = {"user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"};
    private static final String[] NETDEV_FIELDS = {"receive_bytes", "receive_packets", "receive_errs", "receive_drop",
        "receive_fifo", "receive_frame", "receive_compressed", "receive_multicast", "transmit_bytes", "transmit_packets",
        "transmit_errs", "transmit_drop", "transmit_fifo", "transmit_colls", "transmit_carrier", "transmit_compressed"};

    private ProcMetrics() {
    }

    static String[] fields(String line) {
        String t = line.trim();
        return t.isEmpty() ? new String[0] : t.split("\\s+");
    }

    static Long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code /proc/meminfo}: every field, {@code node_memory_<Field>_bytes} (kB × 1024) or unit-less counts. */
    static boolean meminfo(String text, MetricsText m) {
        boolean any = false;
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String[] f = fields(line.substring(colon + 1));
            Long v = f.length > 0 ? parseLong(f[0]) : null;
            if (v == null) {
                continue;
            }
            String key = line.substring(0, colon).trim().replace('(', '_').replace(")", "");
            double value = v;
            if (f.length > 1 && f[1].equals("kB")) {
                key += "_bytes";
                value = v * 1024.0;
            }
            String name = "node_memory_" + key;
            m.family(name, "gauge", "Memory information field " + key + ".").sample(name, value);
            any = true;
        }
        return any;
    }

    /** {@code /proc/vmstat}: the fields of node_exporter's default selection, untyped. */
    static boolean vmstat(String text, MetricsText m) {
        boolean any = false;
        for (String line : text.split("\n")) {
            String[] f = fields(line);
            if (f.length == 2 && VMSTAT_FIELDS.matcher(f[0]).matches()) {
                Long v = parseLong(f[1]);
                if (v != null) {
                    String name = "node_vmstat_" + f[0];
                    m.family(name, "untyped", "/proc/vmstat information field " + f[0] + ".").sample(name, (long) v);
                    any = true;
                }
            }
        }
        return any;
    }

    /**
     * One {@code /proc/pressure/<resource>} file: {@code some} totals are the "waiting" counters, {@code full} the
     * "stalled" ones (CPU: only some; IRQ: only full), in seconds.
     */
    static boolean pressure(String resource, String text, MetricsText m) {
        boolean any = false;
        for (String line : text.split("\n")) {
            String[] f = fields(line);
            if (f.length == 0) {
                continue;
            }
            String total = null;
            for (String kv : f) {
                if (kv.startsWith("total=")) {
                    total = kv.substring(6);
                }
            }
            Long micros = total == null ? null : parseLong(total);
            if (micros == null) {
                continue;
            }
            String name;
            String help;
            String what = switch (resource) {
                case "cpu" -> "for CPU time";
                case "io" -> "due to IO congestion";
                case "memory" -> "for memory";
                default -> "due to IRQ";
            };
            String stalledWhy = switch (resource) {
                case "io" -> "due to IO congestion";
                case "memory" -> "due to memory congestion";
                default -> "due to IRQ";
            };
            if (f[0].equals("some") && !resource.equals("irq")) {
                name = "node_pressure_" + resource + "_waiting_seconds_total";
                help = "Total time in seconds that processes have waited " + what;
            } else if (f[0].equals("full") && !resource.equals("cpu")) {
                name = "node_pressure_" + resource + "_stalled_seconds_total";
                help = "Total time in seconds no process could make progress " + stalledWhy;
            } else {
                continue;
            }
            m.family(name, "counter", help).sample(name, micros / 1e6);
            any = true;
        }
        return any;
    }

    /**
     * {@code /proc/stat}: the cpu collector ({@code node_cpu_seconds_total{cpu,mode}},
     * {@code node_cpu_guest_seconds_total{cpu,mode}}, from clock ticks of {@code userHz}) and the stat collector
     * (interrupts, context switches, boot time, forks, processes running and blocked).
     */
    static boolean cpu(String text, long userHz, MetricsText m) {
        List<String[]> cpus = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("cpu") && line.length() > 3 && Character.isDigit(line.charAt(3))) {
                cpus.add(fields(line));
            }
        }
        if (cpus.isEmpty()) {
            return false;
        }
        double hz = userHz;
        m.family("node_cpu_seconds_total", "counter", "Seconds the CPUs spent in each mode.");
        for (String[] f : cpus) {
            String cpu = f[0].substring(3);
            for (int i = 0; i < CPU_MODES.length && i + 1 < f.length; i++) {
                Long v = parseLong(f[i + 1]);
                if (v != null) {
                    m.sample("node_cpu_seconds_total", v / hz, "cpu", cpu, "mode", CPU_MODES[i]);
                }
            }
        }
        if (cpus.get(0).length > 10) {
            m.family("node_cpu_guest_seconds_total", "counter", "Seconds the CPUs spent in guests (VMs) for each mode.");
            for (String[] f : cpus) {
                String cpu = f[0].substring(3);
                Long guest = parseLong(f[9]);
                Long guestNice = parseLong(f[10]);
                if (guest != null && guestNice != null) {
                    m.sample("node_cpu_guest_seconds_total", guest / hz, "cpu", cpu, "mode", "user");
                    m.sample("node_cpu_guest_seconds_total", guestNice / hz, "cpu", cpu, "mode", "nice");
                }
            }
        }
        return true;
    }

    static boolean stat(String text, MetricsText m) {
        boolean any = false;
        for (String line : text.split("\n")) {
            String[] f = fields(line);
            if (f.length < 2) {
                continue;
            }
            Long v = parseLong(f[1]);
            if (v == null) {
                continue;
            }
            String[] nameHelpType = switch (f[0]) {
                case "intr" -> new String[] {"node_intr_total", "Total number of interrupts serviced.", "counter"};
                case "ctxt" -> new String[] {"node_context_switches_total", "Total number of context switches.", "counter"};
                case "btime" -> new String[] {"node_boot_time_seconds", "Node boot time, in unixtime.", "gauge"};
                case "processes" -> new String[] {"node_forks_total", "Total number of forks.", "counter"};
                case "procs_running" -> new String[] {"node_procs_running", "Number of processes in runnable state.", "gauge"};
                case "procs_blocked" -> new String[] {"node_procs_blocked",
                    "Number of processes blocked waiting for I/O to complete.", "gauge"};
                default -> null;
            };
            if (nameHelpType != null) {
                m.family(nameHelpType[0], nameHelpType[2], nameHelpType[1]).sample(nameHelpType[0], (long) v);
                any = true;
            }
        }
        return any;
    }

    /** {@code /proc/loadavg}. */
    static boolean loadavg(String text, MetricsText m) {
        String[] f = fields(text);
        if (f.length < 3) {
            return false;
        }
        String[] minutes = {"1", "5", "15"};
        for (int i = 0; i < 3; i++) {
            String name = "node_load" + minutes[i];
            m.family(name, "gauge", minutes[i] + "m load average.").sample(name, Double.parseDouble(f[i]));
        }
        return true;
    }

    /** {@code /proc/sys/fs/file-nr}: allocated, unused, maximum. */
    static boolean filefd(String text, MetricsText m) {
        String[] f = fields(text);
        if (f.length < 3) {
            return false;
        }
        m.family("node_filefd_allocated", "gauge", "File descriptor statistics: allocated.")
                .sample("node_filefd_allocated", (long) parseLong(f[0]));
        m.family("node_filefd_maximum", "gauge", "File descriptor statistics: maximum.")
                .sample("node_filefd_maximum", (long) parseLong(f[2]));
        return true;
    }

    /**
     * {@code /proc/net/sockstat} and {@code sockstat6}: {@code node_sockstat_<PROTO>_<state>}, {@code mem} also in
     * bytes ({@code pageSize}); {@code sockets: used} is {@code node_sockstat_sockets_used}.
     */
    static boolean sockstat(String text, long pageSize, MetricsText m) {
        boolean any = false;
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String proto = line.substring(0, colon).trim();
            String[] f = fields(line.substring(colon + 1));
            for (int i = 0; i + 1 < f.length; i += 2) {
                Long v = parseLong(f[i + 1]);
                if (v == null) {
                    continue;
                }
                if (proto.equals("sockets") && f[i].equals("used")) {
                    m.family("node_sockstat_sockets_used", "gauge", "Number of IPv4 sockets in use.")
                            .sample("node_sockstat_sockets_used", (long) v);
                    any = true;
                    continue;
                }
                String name = "node_sockstat_" + proto + "_" + f[i];
                m.family(name, "gauge", "Number of " + proto + " sockets in state " + f[i] + ".").sample(name, (long) v);
                if (f[i].equals("mem")) {
                    m.family(name + "_bytes", "gauge", "Number of " + proto + " sockets in state mem_bytes.")
                            .sample(name + "_bytes", v * pageSize);
                }
                any = true;
            }
        }
        return any;
    }

    /**
     * {@code /proc/net/netstat} and {@code /proc/net/snmp} (pairs of "Proto: names" / "Proto: values" lines) and
     * {@code /proc/net/snmp6} ("Ip6InOctets value" lines): the counters of node_exporter's default selection as
     * {@code node_netstat_<Proto>_<Field>}, untyped.
     */
    static boolean netstat(String netstat, String snmp, String snmp6, MetricsText m) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String text : new String[] {netstat, snmp}) {
            if (text == null) {
                continue;
            }
            String[] lines = text.split("\n");
            for (int i = 0; i + 1 < lines.length; i += 2) {
                String[] names = fields(lines[i]);
                String[] values = fields(lines[i + 1]);
                if (names.length == 0 || names.length != values.length || !names[0].equals(values[0])) {
                    continue;
                }
                String proto = names[0].substring(0, names[0].length() - 1);
                for (int k = 1; k < names.length; k++) {
                    out.put(proto + "_" + names[k], values[k]);
                }
            }
        }
        if (snmp6 != null) {
            for (String line : snmp6.split("\n")) {
                String[] f = fields(line);
                int six = f.length == 2 ? f[0].indexOf('6') : -1;
                if (six > 0) {
                    out.put(f[0].substring(0, six + 1) + "_" + f[0].substring(six + 1), f[1]);
                }
            }
        }
        boolean any = false;
        for (Map.Entry<String, String> e : out.entrySet()) {
            Long v = parseLong(e.getValue());
            if (v == null || !NETSTAT_FIELDS.matcher(e.getKey()).matches()) {
                continue;
            }
            String name = "node_netstat_" + e.getKey();
            m.family(name, "untyped", "Statistic " + e.getKey().replace("_", "") + ".").sample(name, (long) v);
            any = true;
        }
        return any;
    }

    /** {@code /proc/net/dev}: the 16 counters of every interface, {@code node_network_<field>_total{device}}. */
    static boolean netdev(String text, MetricsText m) {
        Map<String, long[]> devs = ProcFiles.netDev(text);
        if (devs.isEmpty()) {
            return false;
        }
        for (int i = 0; i < NETDEV_FIELDS.length; i++) {
            String name = "node_network_" + NETDEV_FIELDS[i] + "_total";
            m.family(name, "counter", "Network device statistic " + NETDEV_FIELDS[i] + ".");
            for (Map.Entry<String, long[]> d : devs.entrySet()) {
                m.sample(name, d.getValue()[i], "device", d.getKey());
            }
        }
        return true;
    }

    private static final String[][] DISK_FIELDS = {
        {"reads_completed_total", "counter", "The total number of reads completed successfully."},
        {"reads_merged_total", "counter", "The total number of reads merged."},
        {"read_bytes_total", "counter", "The total number of bytes read successfully."},
        {"read_time_seconds_total", "counter", "The total number of seconds spent by all reads."},
        {"writes_completed_total", "counter", "The total number of writes completed successfully."},
        {"writes_merged_total", "counter", "The number of writes merged."},
        {"written_bytes_total", "counter", "The total number of bytes written successfully."},
        {"write_time_seconds_total", "counter", "This is the total number of seconds spent by all writes."},
        {"io_now", "gauge", "The number of I/Os currently in progress."},
        {"io_time_seconds_total", "counter", "Total seconds spent doing I/Os."},
        {"io_time_weighted_seconds_total", "counter", "The weighted # of seconds spent doing I/Os."},
        {"discards_completed_total", "counter", "The total number of discards completed successfully."},
        {"discards_merged_total", "counter", "The total number of discards merged."},
        {"discarded_sectors_total", "counter", "The total number of sectors discarded successfully."},
        {"discard_time_seconds_total", "counter", "This is the total number of seconds spent by all discards."},
        {"flush_requests_total", "counter", "The total number of flush requests completed successfully"},
        {"flush_requests_time_seconds_total", "counter", "This is the total number of seconds spent by all flush requests."},
    };

    /** One disk of {@code /proc/diskstats}: major, minor, name and its counters. */
    record Disk(String major, String minor, String name, long[] counters) {
    }

    /** The disks of {@code /proc/diskstats} node_exporter keeps (no partitions, loop or ram devices). */
    static List<Disk> disks(String text) {
        List<Disk> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = fields(line);
            if (f.length < 14 || DISK_EXCLUDE.matcher(f[2]).matches()) {
                continue;
            }
            long[] c = new long[f.length - 3];
            for (int i = 0; i < c.length; i++) {
                Long v = parseLong(f[i + 3]);
                c[i] = v == null ? 0 : v;
            }
            out.add(new Disk(f[0], f[1], f[2], c));
        }
        return out;
    }

    /**
     * {@code /proc/diskstats}: every field the kernel gives (11, 15 with discards, 17 with flushes) as
     * {@code node_disk_*{device}} (sectors of 512 bytes, milliseconds as seconds), and {@code node_disk_info}
     * with the udev properties of each disk ({@code udev}: device name → its {@code E:} properties).
     */
    static boolean diskstats(List<Disk> disks, Map<String, Map<String, String>> udev, MetricsText m) {
        if (disks.isEmpty()) {
            return false;
        }
        m.family("node_disk_info", "gauge", "Info of /sys/block/<block_device>.");
        for (Disk d : disks) {
            Map<String, String> u = udev.getOrDefault(d.name(), Map.of());
            m.sample("node_disk_info", 1L, "device", d.name(), "major", d.major(), "minor", d.minor(),
                    "model", u.getOrDefault("ID_MODEL", ""), "path", u.getOrDefault("ID_PATH", ""),
                    "revision", u.getOrDefault("ID_REVISION", ""), "serial", u.getOrDefault("ID_SERIAL_SHORT", ""),
                    "wwn", u.getOrDefault("ID_WWN", ""));
        }
        for (int i = 0; i < DISK_FIELDS.length; i++) {
            String name = "node_disk_" + DISK_FIELDS[i][0];
            boolean started = false;
            for (Disk d : disks) {
                if (i >= d.counters().length) {
                    continue;
                }
                if (!started) {
                    m.family(name, DISK_FIELDS[i][1], DISK_FIELDS[i][2]);
                    started = true;
                }
                long v = d.counters()[i];
                String field = DISK_FIELDS[i][0];
                if (field.endsWith("_bytes_total")) {
                    m.sample(name, v * 512L, "device", d.name());
                } else if (field.contains("time_seconds")) {
                    m.sample(name, v / 1000.0, "device", d.name());
                } else {
                    m.sample(name, v, "device", d.name());
                }
            }
        }
        return true;
    }

    /** {@code /proc/net/arp}: entries per device. */
    static boolean arp(String text, MetricsText m) {
        Map<String, Long> counts = new LinkedHashMap<>();
        String[] lines = text.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = fields(lines[i]);
            if (f.length >= 6) {
                counts.merge(f[5], 1L, Long::sum);
            }
        }
        m.family("node_arp_entries", "gauge", "ARP entries by device");
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            m.sample("node_arp_entries", (long) e.getValue(), "device", e.getKey());
        }
        return true;
    }

    /** Sums of the tx_queue and rx_queue columns of a {@code /proc/net/udp} table: {@code {tx, rx}}. */
    static long[] udpQueues(String text) {
        long[] q = new long[2];
        String[] lines = text.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = fields(lines[i]);
            if (f.length > 4) {
                int colon = f[4].indexOf(':');
                if (colon > 0) {
                    q[0] += Long.parseLong(f[4].substring(0, colon), 16);
                    q[1] += Long.parseLong(f[4].substring(colon + 1), 16);
                }
            }
        }
        return q;
    }

    /** {@code node_udp_queues{ip,queue}} of the IPv4 and (when present) IPv6 tables. */
    static boolean udpQueues(String udp, String udp6, MetricsText m) {
        if (udp == null && udp6 == null) {
            return false;
        }
        m.family("node_udp_queues", "gauge", "Number of allocated memory in the kernel for UDP datagrams in bytes.");
        String[] ips = {"v4", "v6"};
        String[] tables = {udp, udp6};
        for (int i = 0; i < 2; i++) {
            if (tables[i] != null) {
                long[] q = udpQueues(tables[i]);
                m.sample("node_udp_queues", q[1], "ip", ips[i], "queue", "rx");
                m.sample("node_udp_queues", q[0], "ip", ips[i], "queue", "tx");
            }
        }
        return true;
    }

    /** {@code /proc/net/softnet_stat}: per CPU (one hex line each). */
    static boolean softnet(String text, MetricsText m) {
        List<String[]> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = fields(line);
            if (f.length >= 3) {
                rows.add(f);
            }
        }
        if (rows.isEmpty()) {
            return false;
        }
        String[][] series = {{"processed", "0", "Number of processed packets"}, {"dropped", "1", "Number of dropped packets"},
            {"times_squeezed", "2", "Number of times processing packets ran out of quota"},
            {"received_rps", "9", "Number of times cpu woken up received_rps"},
            {"flow_limit_count", "10", "Number of times flow limit has been reached"}};
        for (String[] s : series) {
            int col = Integer.parseInt(s[1]);
            if (rows.get(0).length <= col) {
                continue;
            }
            String name = "node_softnet_" + s[0] + "_total";
            m.family(name, "counter", s[2]);
            for (int cpu = 0; cpu < rows.size(); cpu++) {
                m.sample(name, Long.parseLong(rows.get(cpu)[col], 16), "cpu", Integer.toString(cpu));
            }
        }
        return true;
    }

    /** {@code /proc/schedstat} (version 15+): per CPU running and waiting time, time slices. */
    static boolean schedstat(String text, MetricsText m) {
        List<String[]> cpus = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = fields(line);
            if (f.length >= 10 && f[0].startsWith("cpu") && f[0].length() > 3) {
                cpus.add(f);
            }
        }
        if (cpus.isEmpty()) {
            return false;
        }
        m.family("node_schedstat_running_seconds_total", "counter", "Number of seconds CPU spent running a process.");
        for (String[] f : cpus) {
            m.sample("node_schedstat_running_seconds_total", Long.parseLong(f[7]) / 1e9, "cpu", f[0].substring(3));
        }
        m.family("node_schedstat_waiting_seconds_total", "counter",
                "Number of seconds spent by processing waiting for this CPU.");
        for (String[] f : cpus) {
            m.sample("node_schedstat_waiting_seconds_total", Long.parseLong(f[8]) / 1e9, "cpu", f[0].substring(3));
        }
        m.family("node_schedstat_timeslices_total", "counter", "Number of timeslices executed by CPU.");
        for (String[] f : cpus) {
            m.sample("node_schedstat_timeslices_total", Long.parseLong(f[9]), "cpu", f[0].substring(3));
        }
        return true;
    }

    private static final String[][] CONNTRACK_STATS = {
        {"found", "Number of searched entries which were successful."},
        {"invalid", "Number of packets seen which can not be tracked."},
        {"ignore", "Number of packets seen which are already connected to a conntrack entry."},
        {"insert", "Number of entries inserted into the list."},
        {"insert_failed", "Number of entries for which list insertion was attempted but failed."},
        {"drop", "Number of packets dropped due to conntrack failure."},
        {"early_drop", "Number of dropped conntrack entries to make room for new ones, if maximum table size was reached."},
        {"search_restart", "Number of conntrack table lookups which had to be restarted due to hashtable resizes."},
    };

    /** Conntrack: the entry count and limit, and the per-CPU statistics of {@code /proc/net/stat/nf_conntrack} summed. */
    static boolean conntrack(String count, String max, String stat, MetricsText m) {
        Long entries = count == null ? null : parseLong(count.trim());
        Long limit = max == null ? null : parseLong(max.trim());
        if (entries == null || limit == null) {
            return false;
        }
        m.family("node_nf_conntrack_entries", "gauge",
                "Number of currently allocated flow entries for connection tracking.").sample("node_nf_conntrack_entries", (long) entries);
        m.family("node_nf_conntrack_entries_limit", "gauge", "Maximum size of connection tracking table.")
                .sample("node_nf_conntrack_entries_limit", (long) limit);
        if (stat != null) {
            String[] lines = stat.split("\n");
            String[] header = lines.length > 0 ? fields(lines[0]) : new String[0];
            for (String[] s : CONNTRACK_STATS) {
                int col = java.util.Arrays.asList(header).indexOf(s[0]);
                if (col < 0) {
                    continue;
                }
                long sum = 0;
                for (int i = 1; i < lines.length; i++) {
                    String[] f = fields(lines[i]);
                    if (col < f.length) {
                        sum += Long.parseLong(f[col], 16);
                    }
                }
                String name = "node_nf_conntrack_stat_" + s[0];
                m.family(name, "gauge", s[1]).sample(name, sum);
            }
        }
        return true;
    }

    /** {@code /etc/os-release} (or {@code /usr/lib/os-release}): {@code node_os_info} and {@code node_os_version}. */
    static boolean osRelease(String text, MetricsText m) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String l = line.trim();
            int eq = l.indexOf('=');
            if (!l.startsWith("#") && eq > 0) {
                kv.put(l.substring(0, eq), ProcFiles.unquote(l.substring(eq + 1).trim()));
            }
        }
        if (kv.isEmpty()) {
            return false;
        }
        String[] keys = {"build_id", "id", "id_like", "image_id", "image_version", "name", "pretty_name", "variant",
            "variant_id", "version", "version_codename", "version_id"};
        String[] labels = new String[keys.length * 2];
        for (int i = 0; i < keys.length; i++) {
            labels[2 * i] = keys[i];
            labels[2 * i + 1] = kv.getOrDefault(keys[i].toUpperCase(java.util.Locale.ROOT), "");
        }
        m.family("node_os_info", "gauge", "A metric with a constant '1' value labeled by build_id, id, id_like, image_id, "
                + "image_version, name, pretty_name, variant, variant_id, version, version_codename, version_id.")
                .sample("node_os_info", 1L, labels);
        java.util.regex.Matcher v = Pattern.compile("^([0-9]+)(\\.[0-9]+)?").matcher(kv.getOrDefault("VERSION_ID", ""));
        if (v.find()) {
            m.family("node_os_version", "gauge", "Metric containing the major.minor part of the OS version.")
                    .sample("node_os_version", Double.parseDouble(v.group()), "id", kv.getOrDefault("ID", ""),
                            "id_like", kv.getOrDefault("ID_LIKE", ""), "name", kv.getOrDefault("NAME", ""));
        }
        return true;
    }

    /** {@code node_uname_info}: uname(2)'s fields (the kernel gives them in /proc/sys/kernel). */
    static void uname(String sysname, String nodename, String release, String version, String machine, String domainname,
            MetricsText m) {
        m.family("node_uname_info", "gauge", "Labeled system information as provided by the uname system call.")
                .sample("node_uname_info", 1L, "domainname", domainname, "machine", machine, "nodename", nodename,
                        "release", release, "sysname", sysname, "version", version);
    }

    /** adjtimex(2)'s fields as raw longs, in {@link #timex}'s order. */
    static final int TX_OFFSET = 0;
    static final int TX_FREQ = 1;
    static final int TX_MAXERROR = 2;
    static final int TX_ESTERROR = 3;
    static final int TX_STATUS = 4;
    static final int TX_CONSTANT = 5;
    static final int TX_TICK = 6;
    static final int TX_PPSFREQ = 7;
    static final int TX_JITTER = 8;
    static final int TX_SHIFT = 9;
    static final int TX_STABIL = 10;
    static final int TX_JITCNT = 11;
    static final int TX_CALCNT = 12;
    static final int TX_ERRCNT = 13;
    static final int TX_STBCNT = 14;
    static final int TX_TAI = 15;
    static final int TX_FIELDS = 16;

    /** The timex collector from adjtimex(2)'s answer: {@code state} (its return value, 5 = TIME_ERROR) and fields. */
    static void timex(int state, long[] t, MetricsText m) {
        final double ppm16frac = 1_000_000.0 * 65536.0;
        final int staNano = 0x2000;
        double divisor = (t[TX_STATUS] & staNano) != 0 ? 1e9 : 1e6;
        gauge(m, "node_timex_offset_seconds", "Time offset in between local system and reference clock.", t[TX_OFFSET] / divisor);
        gauge(m, "node_timex_frequency_adjustment_ratio", "Local clock frequency adjustment.", 1 + t[TX_FREQ] / ppm16frac);
        gauge(m, "node_timex_maxerror_seconds", "Maximum error in seconds.", t[TX_MAXERROR] / 1e6);
        gauge(m, "node_timex_estimated_error_seconds", "Estimated error in seconds.", t[TX_ESTERROR] / 1e6);
        gauge(m, "node_timex_status", "Value of the status array bits.", t[TX_STATUS]);
        gauge(m, "node_timex_loop_time_constant", "Phase-locked loop time constant.", t[TX_CONSTANT]);
        gauge(m, "node_timex_tick_seconds", "Seconds between clock ticks.", t[TX_TICK] / 1e6);
        gauge(m, "node_timex_pps_frequency_hertz", "Pulse per second frequency.", t[TX_PPSFREQ] / ppm16frac);
        gauge(m, "node_timex_pps_jitter_seconds", "Pulse per second jitter.", t[TX_JITTER] / divisor);
        gauge(m, "node_timex_pps_shift_seconds", "Pulse per second interval duration.", t[TX_SHIFT]);
        gauge(m, "node_timex_pps_stability_hertz", "Pulse per second stability, average of recent frequency changes.",
                t[TX_STABIL] / ppm16frac);
        counter(m, "node_timex_pps_jitter_total", "Pulse per second count of jitter limit exceeded events.", t[TX_JITCNT]);
        counter(m, "node_timex_pps_calibration_total", "Pulse per second count of calibration intervals.", t[TX_CALCNT]);
        counter(m, "node_timex_pps_error_total", "Pulse per second count of calibration errors.", t[TX_ERRCNT]);
        counter(m, "node_timex_pps_stability_exceeded_total", "Pulse per second count of stability limit exceeded events.",
                t[TX_STBCNT]);
        gauge(m, "node_timex_tai_offset_seconds", "International Atomic Time (TAI) offset.", t[TX_TAI]);
        gauge(m, "node_timex_sync_status", "Is clock synchronized to a reliable server (1 = yes, 0 = no).", state == 5 ? 0 : 1);
    }

    /** A mounted file system as {@code /proc/mounts} lists it. */
    record Mount(String device, String mountPoint, String type, boolean readOnly) {
    }

    /** The mounts node_exporter's filesystem collector keeps, one per mount point (the first listed). */
    static List<Mount> mounts(String text) {
        Map<String, Mount> byPoint = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] f = fields(line);
            if (f.length < 4) {
                continue;
            }
            String point = FileSystems.decode(f[1]);
            if (FS_MOUNT_EXCLUDE.matcher(point).find() || FS_TYPE_EXCLUDE.matcher(f[2]).matches()) {
                continue;
            }
            boolean ro = java.util.Arrays.asList(f[3].split(",")).contains("ro");
            byPoint.putIfAbsent(point, new Mount(FileSystems.decode(f[0]), point, f[2], ro));
        }
        return new ArrayList<>(byPoint.values());
    }

    /** statvfs(3) of one mount: sizes in bytes, file nodes; null fields when the call failed. */
    record FsStat(Mount mount, boolean error, long size, long free, long avail, long files, long filesFree) {
    }

    /** The filesystem collector's families; files and files_free only where the figures are known (&ge; 0). */
    static boolean filesystems(List<FsStat> stats, MetricsText m) {
        if (stats.isEmpty()) {
            return false;
        }
        fsFamily(m, stats, "node_filesystem_size_bytes", "Filesystem size in bytes.", s -> s.size());
        fsFamily(m, stats, "node_filesystem_free_bytes", "Filesystem free space in bytes.", s -> s.free());
        fsFamily(m, stats, "node_filesystem_avail_bytes", "Filesystem space available to non-root users in bytes.",
                s -> s.avail());
        fsFamily(m, stats, "node_filesystem_files", "Filesystem total file nodes.", s -> s.files());
        fsFamily(m, stats, "node_filesystem_files_free", "Filesystem total free file nodes.", s -> s.filesFree());
        m.family("node_filesystem_readonly", "gauge", "Filesystem read-only status.");
        for (FsStat s : stats) {
            if (!s.error()) {
                fsSample(m, "node_filesystem_readonly", s, s.mount().readOnly() ? 1 : 0);
            }
        }
        m.family("node_filesystem_device_error", "gauge",
                "Whether an error occurred while getting statistics for the given device.");
        for (FsStat s : stats) {
            fsSample(m, "node_filesystem_device_error", s, s.error() ? 1 : 0);
        }
        return true;
    }

    private static void fsFamily(MetricsText m, List<FsStat> stats, String name, String help,
            java.util.function.ToLongFunction<FsStat> value) {
        boolean started = false;
        for (FsStat s : stats) {
            long v = value.applyAsLong(s);
            if (s.error() || v < 0) {
                continue;
            }
            if (!started) {
                m.family(name, "gauge", help);
                started = true;
            }
            fsSample(m, name, s, v);
        }
    }

    private static void fsSample(MetricsText m, String name, FsStat s, long v) {
        m.sample(name, v, "device", s.mount().device(), "fstype", s.mount().type(), "mountpoint", s.mount().mountPoint());
    }

    private static void gauge(MetricsText m, String name, String help, double v) {
        m.family(name, "gauge", help).sample(name, v);
    }

    private static void counter(MetricsText m, String name, String help, double v) {
        m.family(name, "counter", help).sample(name, v);
    }
}
