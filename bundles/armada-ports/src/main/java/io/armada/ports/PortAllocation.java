package io.armada.ports;

/**
 * One allocated port: unique per agent, owned by an entity of one endpoint on that agent.
 *
 * @param agentId the agent the port belongs to
 * @param port the port number
 * @param endpoint the owning endpoint (lower case)
 * @param entity the owning entity number of that endpoint
 * @param desc an optional description, {@code null} when none was given
 * @since 1.0
 */
public record PortAllocation(long agentId, int port, String endpoint, long entity, String desc) {
}
