package io.armada.monitor;

import java.util.Map;

/**
 * {@code disk}: the real file systems by mount point.
 *
 * @param mounts mount point → its figures, in the order of the mount table
 * @param utc epoch seconds
 * @since 2.0
 */
public record DiskFigures(Map<String, FileSystem> mounts, long utc) {

    /**
     * One file system.
     *
     * @param type 0 non-rotational, 1 rotational
     * @param total bytes
     * @param used bytes
     * @param free bytes available to users
     * @param utilization percent in use
     * @since 2.0
     */
    public record FileSystem(int type, long total, long used, long free, double utilization) {
    }
}
