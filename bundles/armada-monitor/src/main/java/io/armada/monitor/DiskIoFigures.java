package io.armada.monitor;

import java.util.Map;

/**
 * {@code diskio}: cumulative bytes per disk and partition.
 *
 * @param devices disk or partition name ({@code sda}, {@code sda1}) → its counters
 * @param utc epoch seconds
 * @since 2.0
 */
public record DiskIoFigures(Map<String, Counters> devices, long utc) {

    /** Bytes read and written since boot. @since 2.0 */
    public record Counters(long readBytes, long writeBytes) {
    }
}
