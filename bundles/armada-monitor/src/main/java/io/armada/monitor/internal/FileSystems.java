package io.armada.monitor.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The real file systems of the node and their sizes, as psutil's {@code disk_partitions()} and
 * {@code disk_usage()} gave them to the original.
 *
 * <p>Why not OSHI's {@code FileSystem.getFileStores()}: on Linux it runs {@code lsblk} on every call (and again for
 * every {@code OSFileStore.updateAttributes()}), which is a process per request. The rule is psutil's
 * ({@code all=False}): a mount is real when its type is not marked {@code nodev} in {@code /proc/filesystems} (so
 * tmpfs, proc, sysfs, cgroup, overlay, devpts, ... are out), plus zfs; read-only image types (squashfs, erofs: snap
 * and live-image mounts that are always full) are left out too. Sizes come from {@code statvfs} (via
 * {@link File#getTotalSpace()} and friends), once per mount point.
 */
final class FileSystems {
    /** Types without nodev that are noise nevertheless. */
    private static final Set<String> IMAGE_TYPES = Set.of("squashfs", "erofs");

    /** One mounted file system. */
    record Mount(String device, String mountPoint, String type) {
    }

    /** Sizes in bytes, as psutil: free is what a non-root user can still use. */
    record Usage(long total, long used, long free) {
        /** psutil's percent: used / (used + free), one decimal. */
        double utilization() {
            long denom = used + free;
            return denom <= 0 ? 0.0 : Math.round(used * 1000.0 / denom) / 10.0;
        }

        /** The same with two decimals, as resource_statis' {@code rate}. */
        double rate() {
            long denom = used + free;
            return denom <= 0 ? 0.0 : used * 100.0 / denom;
        }
    }

    private final Path procMounts;
    private final Path procFilesystems;
    private final Path sysClassBlock;

    FileSystems(Path procMounts, Path procFilesystems, Path sysClassBlock) {
        this.procMounts = procMounts;
        this.procFilesystems = procFilesystems;
        this.sysClassBlock = sysClassBlock;
    }

    static FileSystems system() {
        return new FileSystems(Path.of("/proc/mounts"), Path.of("/proc/filesystems"), Path.of("/sys/class/block"));
    }

    /** The real file systems, one per mount point (the last mount on a point wins, as the kernel shows it). */
    List<Mount> realMounts() {
        Set<String> nodev = nodevTypes(read(procFilesystems));
        Map<String, Mount> byPoint = new LinkedHashMap<>();
        for (String line : read(procMounts).split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length < 3) {
                continue;
            }
            String type = f[2];
            boolean real = type.equals("zfs") || (!nodev.isEmpty() && !nodev.contains(type) && !IMAGE_TYPES.contains(type));
            if (real) {
                String point = decode(f[1]);
                byPoint.remove(point);
                byPoint.put(point, new Mount(decode(f[0]), point, type));
            }
        }
        return new ArrayList<>(byPoint.values());
    }

    /** The types marked {@code nodev} in a {@code /proc/filesystems} text. */
    static Set<String> nodevTypes(String filesystems) {
        Set<String> out = new HashSet<>();
        for (String line : filesystems.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2 && f[0].equals("nodev")) {
                out.add(f[1]);
            }
        }
        return out;
    }

    /** Mount table escapes: space, tab, newline and backslash as octal. */
    static String decode(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && isOctal(s, i + 1)) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }

    /** statvfs of a mount point; null when it cannot be read (a stale network mount, a vanished point). */
    static Usage usage(String mountPoint) {
        File f = new File(mountPoint);
        long total = f.getTotalSpace();
        if (total <= 0) {
            return null;
        }
        long unallocated = f.getFreeSpace();
        long usable = f.getUsableSpace();
        return new Usage(total, Math.max(0, total - unallocated), usable);
    }

    /**
     * The seed's disk {@code type}: 0 when the device behind the mount is non-rotational (SSD, NVMe), 1 when
     * rotational or unknown. The device is followed through links (/dev/mapper/x → dm-0); a partition takes its
     * disk's flag.
     */
    int rotational(String device) {
        if (!device.startsWith("/dev/")) {
            return 1;
        }
        String name;
        try {
            name = Path.of(device).toRealPath().getFileName().toString();
        } catch (IOException | RuntimeException e) {
            name = device.substring("/dev/".length());
        }
        Path dev = sysClassBlock.resolve(name);
        for (Path p : new Path[] {dev.resolve("queue/rotational"), dev.resolve("../queue/rotational")}) {
            String v = ProcFiles.firstLine(p);
            if (v.equals("0")) {
                return 0;
            }
            if (v.equals("1")) {
                return 1;
            }
        }
        return 1;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
