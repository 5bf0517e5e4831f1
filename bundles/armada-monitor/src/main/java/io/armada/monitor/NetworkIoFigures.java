package io.armada.monitor;

import java.util.Map;

/**
 * {@code networkio}: cumulative bytes per physical NIC, from the last one-second sample.
 *
 * @param nics NIC name → its counters
 * @param utc epoch seconds
 * @since 2.0
 */
public record NetworkIoFigures(Map<String, Counters> nics, long utc) {

    /** Bytes received and sent since the NIC came up. @since 2.0 */
    public record Counters(long bytesRecv, long bytesSend) {
    }
}
