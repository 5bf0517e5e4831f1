package io.armada.agents.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Where agents are kept (table AGENTS_AGENT). Each call is one transaction; rules that need the database's view (no
 * entities left, the agent still live) are checked inside it with the agent's row locked, so two servers on one
 * database cannot interleave a delete with a create. Changes are functions from the locked row to the new one.
 */
public interface AgentDao {

    /** A page of the agent list with the total count. */
    record Page(long total, List<AgentRow> rows) {
    }

    /**
     * Inserts an agent and its endpoints.
     *
     * @return the agent with its id
     * @throws io.armada.persistence.DuplicateKeyException when the host (among live agents) or node uuid exists
     */
    AgentRow create(AgentRow agent, List<String> endpoints);

    Optional<AgentRow> find(long agentId);

    Optional<AgentRow> findByNodeUuid(String nodeUuid);

    /** The live agent with this host name. */
    Optional<AgentRow> findLiveByHost(String host);

    /** The live agent with the lowest id at this address. */
    Optional<AgentRow> findLiveByIp(String ip);

    /** Live agents (status above deleted) or deleted ones, by id. */
    List<AgentRow> all(boolean deleted);

    /** Live agents among {@code ids}, by id. */
    List<AgentRow> live(Collection<Long> ids);

    Set<Long> liveIds();

    /**
     * A page of the list.
     *
     * @throws io.armada.core.ApiException BAD_REQUEST for an unknown order column
     */
    Page page(String agentType, boolean deleted, String order, boolean desc, int offset, int limit);

    /**
     * Binds a node to an agent created through the API (no node uuid yet) and records what the node reports.
     *
     * @throws io.armada.core.ApiException REFUSED when the agent has a node already
     */
    AgentRow adoptNode(long agentId, String nodeUuid, UnaryOperator<AgentRow> figures);

    /**
     * Applies a change to a live agent's row.
     *
     * @throws io.armada.core.ApiException BAD_REQUEST when it is not a live agent
     * @throws io.armada.persistence.DuplicateKeyException when the new host is another live agent's
     */
    AgentRow change(long agentId, UnaryOperator<AgentRow> change);

    /** Applies the same change to several live agents, all or nothing. */
    List<AgentRow> changeAll(Collection<Long> agentIds, UnaryOperator<AgentRow> change);

    /**
     * Marks a live agent deleted; refused while it has entities. The host becomes free for a new agent.
     *
     * @param check run on the locked row before the change (e.g. "must be online")
     */
    AgentRow markDeleted(long agentId, Consumer<AgentRow> check);

    /**
     * Removes a deleted agent and its endpoints for good.
     *
     * @return the removed row
     * @throws io.armada.core.ApiException NOT_FOUND when there is no such agent, BAD_REQUEST when it is live or
     *         still has entities
     */
    AgentRow clean(long agentId);

    /** Stores the last report time of many agents in one transaction (the periodic flush of the online state). */
    void lastReports(Map<Long, Long> lastReport);

    /**
     * One agent's online state as one server shares it with the others on the same database.
     *
     * @param seenMillis the last report, epoch milliseconds of the server that took it
     * @param expiresMillis when it is offline unless it reports again
     * @param metadata the last resource report, JSON, or {@code null}
     * @param services the last service states, JSON, or {@code null}
     */
    record OnlineRow(long agentId, long seenMillis, long expiresMillis, String metadata, String services) {
    }

    /** Writes these agents' online state as {@code writer}'s where it is newer than what is stored (one transaction). */
    void shareOnline(String writer, java.util.Collection<OnlineRow> rows);

    /** The online states other servers than {@code reader} wrote whose last report is after {@code seenAfterMillis}. */
    List<OnlineRow> onlineSince(String reader, long seenAfterMillis);
}
