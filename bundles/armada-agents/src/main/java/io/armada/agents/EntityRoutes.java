package io.armada.agents;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The goperation endpoint and entity routes (seed 000 {@code /v1.0/agent/{id}/endpoints},
 * {@code .../endpoint/{e}/entitys}, {@code /v1.0/endpoints/{e}/...}, {@code /v1.0/endpoint/{e}/entitys/{n}}), as
 * the REST resources call them: path values as sent, answers as rows in the original's field names. Entities
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

    /** @since 1.1 */
    List<Map<String, Object>> endpoints(String agentId);

    /** @since 1.1 */
    List<String> addEndpoints(String agentId, Object endpoints);

    /** @since 1.1 */
    Map<String, Object> endpoint(String agentId, String endpoint);

    /** How many endpoints were removed. @since 1.1 */
    int deleteEndpoints(String agentId, String endpoints);

    /** @since 1.1 */
    List<Map<String, Object>> endpointAgents(String endpoint);

    /** @since 1.1 */
    List<Map<String, Object>> endpointCount(String endpoints);

    /** @since 1.1 */
    List<Map<String, Object>> endpointEntities(String endpoint);

    /** @since 1.1 */
    List<Map<String, Object>> entities(String agentId, String endpoint, boolean ports);

    /** @since 1.1 */
    Map<String, Object> createEntity(String agentId, String endpoint, NewEntity body);

    /** @since 1.1 */
    Map<String, Object> showEntity(String endpoint, String entity, boolean ports);

    /** @since 1.1 */
    void deleteEntity(String endpoint, String entity, boolean force);
}
