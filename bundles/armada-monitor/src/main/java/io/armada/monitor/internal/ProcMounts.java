package io.armada.monitor.internal;

import static io.armada.monitor.internal.ProcMetrics.fields;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code /proc/mounts} and statvfs(3) of each mount: node_exporter's filesystem collector. */
final class ProcMounts {
    /** node_exporter's {@code --collector.filesystem.mount-points-exclude} default. */
    static final Pattern FS_MOUNT_EXCLUDE = Pattern.compile(
            "^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)");

    /** node_exporter's {@code --collector.filesystem.fs-types-exclude} default. */
    static final Pattern FS_TYPE_EXCLUDE = Pattern.compile("^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs"
            + "|fusectl|hugetlbfs|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs"
            + "|squashfs|sysfs|tracefs)$");

    private ProcMounts() {
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
        /** Field {@code i} in the order of the record (0 = size ... 4 = filesFree). */
        long value(int i) {
            return switch (i) {
                case 0 -> size;
                case 1 -> free;
                case 2 -> avail;
                case 3 -> files;
                default -> filesFree;
            };
        }
    }

    /** The filesystem collector's families; files and files_free only where the figures are known (&ge; 0). */
    static boolean filesystems(List<FsStat> stats, MetricsText m) {
        if (stats.isEmpty()) {
            return false;
        }
        fsFamily(m, stats, "node_filesystem_size_bytes", "Filesystem size in bytes.", 0);
        fsFamily(m, stats, "node_filesystem_free_bytes", "Filesystem free space in bytes.", 1);
        fsFamily(m, stats, "node_filesystem_avail_bytes", "Filesystem space available to non-root users in bytes.", 2);
        fsFamily(m, stats, "node_filesystem_files", "Filesystem total file nodes.", 3);
        fsFamily(m, stats, "node_filesystem_files_free", "Filesystem total free file nodes.", 4);
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

    /** One family of {@link FsStat#value field}: no lambda per family (a class each, loaded at the first scrape). */
    private static void fsFamily(MetricsText m, List<FsStat> stats, String name, String help, int field) {
        boolean started = false;
        for (FsStat s : stats) {
            long v = s.value(field);
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
}
