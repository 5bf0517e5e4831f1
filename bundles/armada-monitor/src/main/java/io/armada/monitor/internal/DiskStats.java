package io.armada.monitor.internal;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The disks' I/O counters as OSHI's native-free Linux implementation lists and reads them ({@code /sys/block}: the
 * entries with a device behind them, so no loop, ram, zram or dm devices; their {@code stat} files), without OSHI: the
 * node's reports read these every 20 s, and OSHI's classes are then loaded only for the hardware inventory
 * ({@link Figures}).
 */
final class DiskStats {
    private DiskStats() {
    }

    /** A disk's cumulative counters as OSHI's {@code HWDiskStore} gives them, and its partitions' names. */
    record Disk(String name, long reads, long readBytes, long writes, long writeBytes, long transferMillis,
            List<String> partitions) {
    }

    static List<Disk> read() {
        return read(new File("/sys/block"));
    }

    /** In the directory's order, as OSHI lists them. */
    static List<Disk> read(File sysBlock) {
        File[] entries = sysBlock.listFiles();
        if (entries == null) {
            return List.of();
        }
        List<Disk> out = new ArrayList<>();
        for (File entry : entries) {
            String name = entry.getName();
            Path dir = entry.toPath();
            if (ProcFiles.firstLine(dir.resolve("device/type")).isEmpty() && !new File(entry, "device").exists()) {
                continue;
            }
            long[] c = counters(ProcFiles.firstLine(dir.resolve("stat")));
            List<String> partitions = new ArrayList<>();
            File[] parts = entry.listFiles(f -> f.isDirectory() && f.getName().startsWith(name));
            if (parts != null) {
                for (File p : parts) {
                    partitions.add(p.getName());
                }
            }
            out.add(new Disk(name, c[0], c[1], c[2], c[3], c[4], List.copyOf(partitions)));
        }
        return out;
    }

    /**
     * {@code {reads, read bytes, writes, written bytes, milliseconds doing I/O}} of a block {@code stat} line (fields
     * 1, 3, 5, 7 and 10; sectors of 512 bytes); zeros for a line that is not one.
     */
    static long[] counters(String stat) {
        String[] f = stat.trim().split("\\s+");
        if (f.length < 10) {
            return new long[5];
        }
        try {
            return new long[] {Long.parseLong(f[0]), Long.parseLong(f[2]) * 512L, Long.parseLong(f[4]),
                    Long.parseLong(f[6]) * 512L, Long.parseLong(f[9])};
        } catch (NumberFormatException e) {
            return new long[5];
        }
    }
}
