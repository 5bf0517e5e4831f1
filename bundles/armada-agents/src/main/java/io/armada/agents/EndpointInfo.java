package io.armada.agents;

import java.util.List;

/**
 * One endpoint of an agent with its entities.
 *
 * @param agentId the agent
 * @param endpoint the endpoint name (lower case)
 * @param entities its entities, with their ports
 * @since 2.0
 */
public record EndpointInfo(long agentId, String endpoint, List<EntityInfo> entities) {
}
