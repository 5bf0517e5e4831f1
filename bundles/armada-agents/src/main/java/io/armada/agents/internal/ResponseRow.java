package io.armada.agents.internal;

/**
 * One agent's answer to an async request (table AGENTS_RESPONSE) as a value.
 *
 * @param serverTime epoch seconds
 * @param agentTime epoch seconds (agent clock)
 * @param details JSON list of details, {@code null} when none
 */
public record ResponseRow(String requestId, long agentId, long serverTime, long agentTime, int resultcode,
        String result, String details) {
}
