package io.armada.tars.internal;

import java.util.List;

/**
 * What tars needs from the ports area, in its own types. Implemented by {@link PortsBridge}, which exists only while
 * the ports area runs.
 */
public interface PortPool {
    /** The refusal of {@code auto_port} while the ports area is not running. */
    String UNAVAILABLE = "auto_port is not available: armada-ports is not running";

    /** Free ports of an agent (not reserved). */
    List<Integer> findFree(long agentId, int count);

    /** Reserves these ports to the node's tars entity, all or nothing; refused when one was taken meanwhile. */
    void reserve(long agentId, long entity, List<Integer> ports);
}
