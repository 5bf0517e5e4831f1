package io.armada.agents;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The goperation agent and cache routes (seed 000 {@code /v1.0/agents}, {@code /v1.0/allagents},
 * {@code /v1.0/caches}), as the REST resources call them: path values as sent, answers as typed values that
 * {@code rest} shapes into the original's field names and order. Refusals are {@link io.armada.core.ApiException}s (400 bad argument, 404 unknown agent,
 * 503 offline agent, 200/-1 business refusals).
 *
 * @since 1.1
 */
@ProviderType
public interface AgentRoutes {

    /**
     * A page of agent rows.
     *
     * @param total rows in all pages
     * @param pagenum the page number answered
     * @param rows the rows of this page
     * @since 1.1
     */
    record Page(long total, int pagenum, List<AgentInfo> rows) {
    }

    /**
     * An agent after {@code active}, with the metadata of its last report.
     *
     * @since 2.0
     */
    record Activated(AgentInfo agent, JsonNode metadata) {
    }

    /**
     * The body of {@code POST /v1.0/agents}.
     *
     * @since 1.1
     */
    record NewAgent(String host, String agentType, Number cpu, Number memory, Number disk, List<String> portsRange,
            Object endpoints) {
    }

    /** @since 1.1 */
    Page index(String agentType, String order, boolean desc, boolean deleted, Integer pageNum);

    /** The ids of all live agents, ascending. @since 1.1 */
    List<Long> liveIds();

    /** @since 2.0 */
    AgentDetail show(String agentId, boolean ports, boolean entitys);

    /** The agent created, with the endpoints it was created with. @since 2.0 */
    AgentInfo create(NewAgent body);

    /** The agent as deleted. @since 2.0 */
    AgentInfo delete(String agentId, boolean force);

    /** {@code PATCH .../edit}: column changes of one agent (the route answers with the body). @since 2.0 */
    void edit(String agentId, Map<String, Object> body);

    /** {@code PUT}: the same column changes on one or more agents; the agents as changed. @since 2.0 */
    List<AgentInfo> update(String agentId, Map<String, Object> body);

    /** @since 2.0 */
    Activated active(String agentId, Integer status);

    /** Removes a deleted agent for good. @since 1.1 */
    void clean(String agentId);

    /** Goperation's report route: metadata cached for expire (+60 s), or an online agent's time extended. @since 1.1 */
    void report(String agentId, JsonNode metadata, Integer expire);

    /** {@code GET .../status}: an async request that asks each node for its resources. @since 1.1 */
    AsyncHandle status(String agentId, Long requestTime, Long finishtime, Long deadline, Integer expire);

    /** {@code POST /caches/flush}. @since 1.1 */
    void flush(boolean online);

    /** {@code POST /caches/host/{host}/online}: the agent id, {@code null} when no live agent matches. @since 1.1 */
    Long online(String host, String agentType, JsonNode metadata, Integer expire);
}
