package io.armada.ports;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The directory of agents, endpoints and entities that own ports. The agents area provides it; the ports area asks
 * it before it allocates, so a port is only ever handed to an entity that exists, inside its agent's
 * {@code ports_range}. While no directory is registered, the ports routes that need one answer "unavailable".
 *
 * @since 1.0
 */
@ConsumerType
public interface PortOwners {

    /**
     * A live (not deleted) agent.
     *
     * @param agentId the agent id
     * @return the agent, or empty when there is no such agent or it is deleted
     * @since 1.0
     */
    Optional<PortOwner> owner(long agentId);

    /**
     * Whether {@code entity} of {@code endpoint} exists on {@code agentId}.
     *
     * @param agentId the agent id
     * @param endpoint the endpoint name, lower case
     * @param entity the entity number
     * @return {@code true} when the entity exists on that agent
     * @since 1.0
     */
    boolean entityExists(long agentId, String endpoint, long entity);

    /**
     * The ids of all live agents, for completion in the shell.
     *
     * @return ids in ascending order
     * @since 1.0
     */
    List<Long> agentIds();
}
