package io.armada.tars.internal;

import java.util.Optional;

/**
 * What tars needs from the agents area, in its own types: the Armada node at an IP, and a port-owning entity for
 * each tars node (endpoint {@value #ENDPOINT}). Implemented by {@link AgentsBridge}, which exists only while the
 * agents area runs.
 */
public interface NodeDirectory {
    /** The agents endpoint that owns the ports tars reserves on a node. */
    String ENDPOINT = "tars";
    /** The refusal of every call that needs the agents area while it is not running. */
    String UNAVAILABLE = "tars nodes are not available: armada-agents is not running";

    /** The node reporting from an IP. */
    record Node(long agentId, boolean online) {
    }

    Optional<Node> node(String ip);

    /** Creates the entity that owns a tars node's reserved ports; its number. */
    long createEntity(long agentId);

    /** Deletes that entity (its ports go with it). */
    void deleteEntity(long entity);
}
