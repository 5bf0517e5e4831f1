package io.armada.agents.internal;

import java.util.List;
import java.util.Map;

/**
 * What agents needs from the ports area, in agents' own types. Implemented by {@link PortsBridge}, which exists
 * only while the ports area runs; the ports API types are loaded only by it and by {@link PortOwnersImpl} (the
 * directory agents offers to the ports area), so agents loads and works while armada-ports is stopped or absent,
 * and the calls that need ports answer 503.
 */
public interface PortsGateway {
    /** The error of every call that needs ports while armada-ports is not running. */
    String UNAVAILABLE = "port allocation is not available: armada-ports is not running";

    /** Checks explicit ports (range, not used) without writing. */
    void check(long agentId, List<Integer> ports);

    /** Allocates ports to an entity, all or nothing. */
    List<Integer> allocate(long agentId, String endpoint, long entity, List<Integer> ports, String desc);

    /** Frees every port of an entity. */
    int freeEntity(long agentId, String endpoint, long entity);

    /** The ports of an agent: endpoint → entity → ports (ascending). */
    Map<String, Map<Long, List<Integer>>> ofAgent(long agentId);

    /** The ports of an endpoint's entities on all agents: entity → ports (ascending). */
    Map<Long, List<Integer>> ofEndpoint(String endpoint);
}
