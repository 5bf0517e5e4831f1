package io.armada.agents;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One agent with what {@code GET /v1.0/agents/{id}} shows beside its columns.
 *
 * @param agent the agent
 * @param endpoints every endpoint of the agent, by name, with its entities when asked for (else empty lists)
 * @param metadata the metadata of its last report while it is online, else {@code null}
 * @param services the service states of its last report while it is online, else {@code null}
 * @since 2.0
 */
public record AgentDetail(AgentInfo agent, Map<String, List<EntityInfo>> endpoints, JsonNode metadata,
        JsonNode services) {
}
