package io.armada.agents;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The fleet as the server sees it: agents, their status and whether their nodes are online. For the shell and for
 * later areas that address machines (files, tars, jobs).
 *
 * <p>Refusals are {@link io.armada.core.ApiException}s, which a resource answers in its own dialect.
 *
 * @since 1.0
 */
@ProviderType
public interface AgentService {

    /**
     * Agents, ordered by id.
     *
     * @param deleted {@code true} for deleted agents only, {@code false} for the live ones
     * @return the agents
     * @since 1.0
     */
    List<AgentInfo> list(boolean deleted);

    /**
     * One agent, deleted or not.
     *
     * @param agentId the id
     * @return the agent, empty when unknown
     * @since 1.0
     */
    Optional<AgentInfo> find(long agentId);

    /**
     * The live agent whose node reports from {@code ip}.
     *
     * @param ip an address as nodes report it
     * @return the agent, empty when no live agent has that address
     * @since 1.0
     */
    Optional<AgentInfo> findByIp(String ip);

    /**
     * The last resource report of an online agent's node (Goperation's {@code metadata}).
     *
     * @param agentId the id
     * @return the report as JSON-like maps and lists, or {@code null} when the node is offline
     * @since 1.0
     */
    Map<String, Object> metadata(long agentId);

    /**
     * Sets an online, live agent active (1) or inactive (0).
     *
     * @param agentId the id
     * @param status {@link AgentStatus#ACTIVE} or {@link AgentStatus#UNACTIVE}
     * @return the agent after the change
     * @throws io.armada.core.ApiException BAD_REQUEST for another status, NOT_FOUND for an unknown agent, UNAVAILABLE when
     *         the agent is offline
     * @since 1.0
     */
    AgentInfo activate(long agentId, int status);

    /**
     * Marks an agent deleted ({@link AgentStatus#DELETED}); it must have no entities and, unless forced, be online.
     *
     * @param agentId the id
     * @param force delete an offline agent too
     * @return the agent after the change
     * @throws io.armada.core.ApiException BAD_REQUEST with entities, NOT_FOUND for an unknown agent, UNAVAILABLE when offline
     *         and not forced
     * @since 1.0
     */
    AgentInfo delete(long agentId, boolean force);

    /**
     * Resolves Goperation's agent selection: {@code all} (every live agent), one id, or a comma list of ids and
     * {@code a-b} ranges.
     *
     * @param selection the path value
     * @return the targets, ordered by id
     * @throws io.armada.core.ApiException BAD_REQUEST when an id does not parse or is not a live agent
     * @since 1.0
     */
    List<AgentTarget> targets(String selection);
}
