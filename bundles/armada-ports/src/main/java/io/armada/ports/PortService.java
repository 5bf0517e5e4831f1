package io.armada.ports;

import java.util.Collection;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

import io.armada.core.ApiException;

/**
 * Port allocation per agent (SPEC §8). A port is unique per agent, enforced by the database (a primary key on
 * agent and port), so two servers on one database never hand out the same port twice. Allocations belong to an
 * (agent, endpoint, entity) and are freed with the entity. Batches are all-or-nothing.
 *
 * <p>Refusals are {@link ApiException}s (bad argument 400, unknown agent or entity 404, no agent directory 503), which the
 * caller's resource answers in its own dialect.
 *
 * @since 1.0
 */
@ProviderType
public interface PortService {

    /** Largest number of ports one request may ask for. */
    int MAX_BATCH = 1000;

    /**
     * A live agent from the agent directory: what the one-agent routes check before they answer.
     *
     * @param agentId the agent id
     * @return the agent with its ports_range
     * @throws ApiException NOT_FOUND when there is no such live agent; UNAVAILABLE without an agent directory
     * @since 1.1
     */
    PortOwner owner(long agentId);

    /**
     * Checks that explicit ports could be allocated on an agent now: each in 1024..65535, inside the agent's
     * {@code ports_range}, requested once and not in use. {@code null} items (any free port) are not checked.
     * Writes nothing.
     *
     * @param agentId a live agent
     * @param ports requested ports, {@code null} items allowed
     * @throws ApiException BAD_REQUEST when a port is out of range or used; UNAVAILABLE without an agent directory
     * @since 1.0
     */
    void check(long agentId, List<Integer> ports);

    /**
     * Allocates ports to an entity, all or nothing. Each item is a port number, or {@code null} for "any free
     * port in the agent's ports_range".
     *
     * @param agentId a live agent
     * @param endpoint the owning endpoint
     * @param entity the owning entity, which must exist on that agent
     * @param ports the requested ports (1 to {@link #MAX_BATCH} items)
     * @param desc an optional description stored with each port
     * @return the ports allocated, in request order with {@code null}s replaced
     * @throws ApiException BAD_REQUEST (bad, out-of-range or used port, no free port left), NOT_FOUND (no such
     *         entity), UNAVAILABLE (no agent directory)
     * @since 1.0
     */
    List<Integer> allocate(long agentId, String endpoint, long entity, List<Integer> ports, String desc);

    /**
     * Frees some ports of an entity.
     *
     * @param agentId the agent
     * @param endpoint the owning endpoint
     * @param entity the owning entity
     * @param ports the ports to free
     * @param strict when {@code true}, every port must belong to that entity, else nothing is freed
     * @return how many ports were freed
     * @throws ApiException BAD_REQUEST when strict and some port was not allocated to that entity
     * @since 1.0
     */
    int free(long agentId, String endpoint, long entity, Collection<Integer> ports, boolean strict);

    /**
     * Frees every port of an entity (the entity is being deleted).
     *
     * @return how many ports were freed
     * @since 1.0
     */
    int freeEntity(long agentId, String endpoint, long entity);

    /**
     * Every port allocated on an agent.
     *
     * @return allocations ordered by port
     * @since 1.0
     */
    List<PortAllocation> list(long agentId);

    /**
     * The ports of one entity.
     *
     * @return allocations ordered by port
     * @since 1.0
     */
    List<PortAllocation> list(long agentId, String endpoint, long entity);

    /**
     * The ports of every entity of an endpoint, on all agents.
     *
     * @return allocations ordered by entity and port
     * @since 1.0
     */
    List<PortAllocation> listEndpoint(String endpoint);

    /**
     * Free ports of an agent, not reserved: what tars {@code auto_port} proposes. A caller that must keep the ports
     * allocates them afterwards (and retries on a conflict).
     *
     * @param agentId a live agent
     * @param count how many (1 to {@link #MAX_BATCH})
     * @return {@code count} distinct free ports inside the agent's ports_range
     * @throws ApiException BAD_REQUEST when the agent has fewer free ports; UNAVAILABLE without an agent directory
     * @since 1.0
     */
    List<Integer> findFree(long agentId, int count);
}
