package io.armada.monitor;

/**
 * Where and how the node reports.
 *
 * @param target the URL reports go to, or {@code null} when there is none (the node then does not report)
 * @param addr the address set by {@code TimerHandler update}, or {@code null}
 * @param nodeUuid this node's id
 * @param paused whether reporting is paused
 * @param intervalSeconds seconds between two rounds
 * @param lastSuccessUtc epoch seconds of the last accepted round, 0 for never
 * @param lastError the last failure, or {@code null}
 * @param sent bodies accepted by the server since start
 * @param failed bodies that failed since start
 * @since 1.0
 */
public record ReportingState(String target, String addr, String nodeUuid, boolean paused, int intervalSeconds,
        long lastSuccessUtc, String lastError, long sent, long failed) {
}
