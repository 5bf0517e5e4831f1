package io.armada.ports.internal;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import io.armada.ports.PortAllocation;

/**
 * Where allocations are kept (table PORTS_ALLOCATION). Each call is one transaction, committed when it returns;
 * values come validated and the endpoint lower case.
 */
public interface PortsDao {

    /** Ports in use on an agent. */
    Set<Integer> used(long agentId);

    /**
     * Allocates {@code ports} to an entity in one transaction.
     *
     * @param allocatedAt epoch seconds
     * @throws io.armada.persistence.DuplicateKeyException when one of the ports is taken; nothing is kept
     */
    void insert(long agentId, String endpoint, long entity, List<Integer> ports, String desc, long allocatedAt);

    /**
     * Deletes some ports of an entity.
     *
     * @param strict when the count differs from {@code ports.size()}, roll back and refuse (BAD_REQUEST)
     * @return rows deleted
     */
    int delete(long agentId, String endpoint, long entity, Collection<Integer> ports, boolean strict);

    /** Deletes every port of an entity; how many. */
    int deleteEntity(long agentId, String endpoint, long entity);

    /** Every allocation on an agent, by port. */
    List<PortAllocation> byAgent(long agentId);

    /** The allocations of one entity, by port. */
    List<PortAllocation> byEntity(long agentId, String endpoint, long entity);

    /** The allocations of an endpoint on all agents, by entity and port. */
    List<PortAllocation> byEndpoint(String endpoint);
}
