package io.armada.agents.internal;

import java.util.List;

import io.armada.agents.EntityInfo;

/**
 * One entity of an endpoint (table AGENTS_ENTITY); its number is unique per endpoint across all agents.
 *
 * @param createTime epoch seconds
 */
public record EntityRow(String endpoint, long entity, long agentId, String desc, long createTime) {

    /** This entity as the API gives it, with the ports it holds. */
    public EntityInfo toInfo(List<Integer> ports) {
        return new EntityInfo(agentId, endpoint, entity, desc, ports);
    }
}
