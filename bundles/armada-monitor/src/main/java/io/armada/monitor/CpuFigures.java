package io.armada.monitor;

/**
 * {@code cpu}: logical CPUs and their busy percentage over the last sampling interval.
 *
 * @param numbers logical CPUs
 * @param utilization percent, one decimal
 * @param utc epoch seconds
 * @since 2.0
 */
public record CpuFigures(int numbers, double utilization, long utc) {
}
