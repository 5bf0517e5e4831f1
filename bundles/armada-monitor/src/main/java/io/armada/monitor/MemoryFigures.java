package io.armada.monitor;

/**
 * {@code memory}: total and available memory.
 *
 * @param total bytes
 * @param available bytes
 * @param utilization percent in use, one decimal
 * @param utc epoch seconds
 * @since 2.0
 */
public record MemoryFigures(long total, long available, double utilization, long utc) {
}
