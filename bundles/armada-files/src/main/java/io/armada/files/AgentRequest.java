package io.armada.files;

/**
 * A per-agent file request as it was started: an async request of the agents area (SPEC §7), whose answers are read
 * with {@code GET /v1.0/asyncrequests/{request_id}}.
 *
 * @param requestId 36-character uuid
 * @param requestTime epoch seconds, server time
 * @param finishtime epoch seconds
 * @param deadline epoch seconds
 * @param expire seconds the answers are kept after the deadline; 0 keeps them
 * @param status 0 unfinished, 1 finished
 * @param resultcode -127 while waiting
 * @param result the message
 * @since 1.1
 */
public record AgentRequest(String requestId, long requestTime, long finishtime, long deadline, int expire, int status,
        int resultcode, String result) {
}
