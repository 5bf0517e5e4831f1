package io.armada.agents.internal;

/**
 * One async request (table AGENTS_ASYNC_REQUEST) as a value.
 *
 * @param requestTime epoch seconds (client clock)
 * @param finishtime epoch seconds
 * @param deadline epoch seconds
 * @param status 0 unfinished, 1 finished
 * @param targets JSON list of agent ids
 */
public record AsyncRequestRow(String requestId, String action, long requestTime, long finishtime, long deadline,
        int expire, int status, int resultcode, String result, String targets) {
}
