package io.armada.agents.internal;

/**
 * One entity of an endpoint (table AGENTS_ENTITY); its number is unique per endpoint across all agents.
 *
 * @param createTime epoch seconds
 */
public record EntityRow(String endpoint, long entity, long agentId, String desc, long createTime) {
}
