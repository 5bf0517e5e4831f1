package io.armada.monitor.internal;

import static io.armada.monitor.internal.ProcMetrics.fields;
import static io.armada.monitor.internal.ProcMetrics.parseLong;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code /proc/diskstats}: node_exporter's diskstats collector. */
final class ProcDiskstats {
    /** node_exporter's {@code --collector.diskstats.device-exclude} default. */
    static final Pattern DISK_EXCLUDE = Pattern.compile("^(ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+$");

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

    private ProcDiskstats() {
    }

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
}
