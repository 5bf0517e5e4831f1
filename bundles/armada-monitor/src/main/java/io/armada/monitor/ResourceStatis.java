package io.armada.monitor;

import java.util.Map;

/**
 * {@code resource_statis}: averages over the last N one-second samples.
 *
 * @param cpuUtil mean CPU percent, two decimals
 * @param diskUtil mount point → its latest use
 * @param memoryUtil mean memory percent, two decimals
 * @param nicUtil NIC name → its rates over the window
 * @param utc epoch seconds of the last sample
 * @since 2.0
 */
public record ResourceStatis(String cpuUtil, Map<String, DiskUse> diskUtil, String memoryUtil,
        Map<String, NicRates> nicUtil, long utc) {

    /**
     * One file system's latest use.
     *
     * @param rate percent in use, two decimals
     * @param total bytes
     * @param used bytes
     * @since 2.0
     */
    public record DiskUse(String rate, long total, long used) {
    }

    /**
     * One NIC's rates in bytes per second over the window: averages (truncated) and maxima, for received
     * ({@code read}), sent ({@code write}) and both.
     *
     * @param ip its IPv4 address, "" when none
     * @since 2.0
     */
    public record NicRates(String ip, long readBytesAvg, long readBytesMax, long writeBytesAvg, long writeBytesMax,
            long sumBytesAvg, long sumBytesMax) {
    }
}
