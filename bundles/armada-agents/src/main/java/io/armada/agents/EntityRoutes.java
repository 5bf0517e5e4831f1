package io.armada.agents;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The goperation endpoint and entity routes (seed 000 {@code /v1.0/agent/{id}/endpoints},
 * {@code .../endpoint/{e}/entitys}, {@code /v1.0/endpoints/{e}/...}, {@code /v1.0/endpoint/{e}/entitys/{n}}), as
 * the REST resources call them: path values as sent, answers as typed values that {@code rest} shapes into the
 * original's field names. Entities
 * with ports go through the ports area, all or nothing; without it those calls answer 503.
 *
 * @since 1.1
 */
@ProviderType
public interface EntityRoutes {

    /**
     * The body of entity creation.
     *
     * @param ports ports to allocate to the entity ({@code null} items: any free port), may be {@code null}
     * @param notifyAgent {@code null} or {@code true}: the agent must be online
     * @param desc an optional description
     * @param entity an explicit entity number, {@code null} for the next one
     * @since 1.1
     */
    record NewEntity(List<Integer> ports, Boolean notifyAgent, String desc, Long entity) {
    }

    /**
     * An agent that has an endpoint.
     *
     * @param memory MiB
     * @since 2.0
     */
    record EndpointAgent(long agentId, String host, int cpu, long memory) {
    }

    /**
     * How many agents have an endpoint.
     *
     * @since 2.0
     */
    record EndpointCount(String endpoint, long count) {
    }

    /**
     * An entity as created, with its agent's metadata ({@code null} when offline) and the ports allocated.
     *
     * @since 2.0
     */
    record CreatedEntity(EntityInfo entity, JsonNode metadata) {
    }

    /**
     * An entity as shown, with its agent's metadata ({@code null} when offline).
     *
     * @since 2.0
     */
    record EntityDetail(EntityInfo entity, JsonNode metadata) {
    }

    /** @since 2.0 */
    List<EndpointInfo> endpoints(String agentId);

    /** @since 1.1 */
    List<String> addEndpoints(String agentId, Object endpoints);

    /** @since 2.0 */
    EndpointInfo endpoint(String agentId, String endpoint);

    /** How many endpoints were removed. @since 1.1 */
    int deleteEndpoints(String agentId, String endpoints);

    /** @since 2.0 */
    List<EndpointAgent> endpointAgents(String endpoint);

    /** @since 2.0 */
    List<EndpointCount> endpointCount(String endpoints);

    /** @since 2.0 */
    List<EntityInfo> endpointEntities(String endpoint);

    /** @since 2.0 */
    List<EntityInfo> entities(String agentId, String endpoint, boolean ports);

    /** @since 2.0 */
    CreatedEntity createEntity(String agentId, String endpoint, NewEntity body);

    /** @since 2.0 */
    EntityDetail showEntity(String endpoint, String entity, boolean ports);

    /** @since 1.1 */
    void deleteEntity(String endpoint, String entity, boolean force);
}
