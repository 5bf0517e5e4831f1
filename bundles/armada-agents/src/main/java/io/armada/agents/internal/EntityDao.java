package io.armada.agents.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where endpoints (table AGENTS_ENDPOINT, unique per agent) and entities (AGENTS_ENTITY, numbered per endpoint) are
 * kept. Each call is one transaction; creates and deletes lock the agent's or endpoint's row.
 */
public interface EntityDao {

    /** The endpoint names of an agent, sorted. */
    List<String> endpoints(long agentId);

    /** Endpoint names of several agents. */
    Map<Long, List<String>> endpoints(Collection<Long> agentIds);

    /**
     * Adds endpoints to a live agent, all or nothing.
     *
     * @throws io.armada.core.ApiException BAD_REQUEST when one exists already or the agent is not live
     */
    void addEndpoints(long agentId, List<String> endpoints);

    /**
     * Removes endpoints of an agent; refused (Goperation: resultcode -1) while one still has entities.
     *
     * @return how many were removed
     */
    int deleteEndpoints(long agentId, List<String> endpoints);

    boolean hasEndpoint(long agentId, String endpoint);

    /** Live agents that have an endpoint, by id. */
    List<AgentRow> agentsWithEndpoint(String endpoint);

    long countEndpoint(String endpoint);

    /**
     * Creates an entity with the endpoint's next number (or {@code requested}, which may not be lower than it) on an
     * active agent that has the endpoint. The agent and endpoint rows are locked.
     *
     * @param check run on the locked agent row (e.g. "must be online")
     * @throws io.armada.persistence.DuplicateKeyException when another server took the number meanwhile
     */
    EntityRow createEntity(long agentId, String endpoint, Long requested, String desc, long now,
            Consumer<AgentRow> check);

    Optional<EntityRow> entity(String endpoint, long entity);

    List<EntityRow> entities(long agentId, String endpoint);

    List<EntityRow> entitiesOfAgent(long agentId);

    List<EntityRow> entitiesOfEndpoint(String endpoint);

    /** Deletes an entity row; {@code false} when it was not there. */
    boolean deleteEntity(String endpoint, long entity);

    long countEntities(long agentId);
}
