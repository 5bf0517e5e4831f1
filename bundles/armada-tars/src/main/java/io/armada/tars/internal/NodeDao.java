package io.armada.tars.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The installed tars nodes. */
public interface NodeDao {

    /** An installed node. */
    record InstalledNode(String ip, long agentId, long entity) {
    }

    Optional<InstalledNode> find(String ip);

    /** Inserts a node; throws {@link io.armada.persistence.DuplicateKeyException} when it is there already. */
    void insert(InstalledNode node, Instant at);

    /**
     * Removes a node unless servers are deployed on it.
     *
     * @return how many servers are deployed there (0: removed)
     */
    long remove(String ip);

    List<String> ips();

    /** The ports the adapters on a node listen on. */
    List<Integer> adapterPorts(String ip);
}
