package io.armada.ports;

import java.util.List;

/**
 * What the ports area needs to know about an agent: where it may allocate.
 *
 * @param agentId the agent
 * @param host the agent's host name, for messages
 * @param portsRange the agent's {@code ports_range}: {@code "down-up"} half-open ranges; empty when the agent has none
 * @since 1.0
 */
public record PortOwner(long agentId, String host, List<String> portsRange) {
    public PortOwner {
        portsRange = portsRange == null ? List.of() : List.copyOf(portsRange);
    }
}
