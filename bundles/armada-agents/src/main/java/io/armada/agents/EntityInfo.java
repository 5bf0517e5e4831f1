package io.armada.agents;

import java.util.List;

/**
 * One entity of an agent's endpoint (goperation's {@code AgentEntity}) with the ports allocated to it.
 *
 * @param agentId the agent it runs on
 * @param endpoint the endpoint name (lower case)
 * @param entity the entity number, unique per endpoint
 * @param desc its description, may be {@code null}
 * @param ports the ports allocated to it, ascending; empty when none or when ports were not asked for
 * @since 2.0
 */
public record EntityInfo(long agentId, String endpoint, long entity, String desc, List<Integer> ports) {
}
