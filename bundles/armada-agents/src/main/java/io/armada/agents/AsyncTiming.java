package io.armada.agents;

/**
 * The time window of an async request, in the server's epoch seconds, after Goperation's checks: the client's
 * {@code request_time} within 5 s of the server's clock, {@code finishtime} at least 3 s ahead, {@code deadline}
 * at least 3 s after {@code finishtime}.
 *
 * @param requestTime when the server accepted the request
 * @param finishtime when the work should be done
 * @param deadline after which missing agents get the overtime answer
 * @param expire seconds the answers are kept after the deadline; 0 keeps them
 * @since 1.0
 */
public record AsyncTiming(long requestTime, long finishtime, long deadline, int expire) {
}
