package io.armada.agents.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.armada.agents.EndpointInfo;
import io.armada.agents.EntityInfo;
import io.armada.agents.EntityRoutes;

/** Endpoints and entities in goperation's field names and order, one shape per route. */
final class EntityRows {

    private EntityRows() {
    }

    /** An entity within its agent's endpoint: number, description, ports. */
    private static Map<String, Object> entity(EntityInfo n, boolean owner) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (owner) {
            m.put("agent_id", n.agentId());
        }
        m.put("entity", n.entity());
        m.put("desc", n.desc());
        m.put("ports", n.ports());
        return m;
    }

    /** {@code GET /v1.0/agent/{id}/endpoints[/{e}]}. */
    static Map<String, Object> endpoint(EndpointInfo e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agent_id", e.agentId());
        m.put("endpoint", e.endpoint());
        m.put("entitys", e.entities().stream().map(n -> entity(n, false)).toList());
        return m;
    }

    static List<Map<String, Object>> endpoints(List<EndpointInfo> endpoints) {
        return endpoints.stream().map(EntityRows::endpoint).toList();
    }

    /** {@code GET /v1.0/agent/{id}/endpoint/{e}/entitys}: number and ports only. */
    static List<Map<String, Object>> ofAgent(List<EntityInfo> entities) {
        return entities.stream().map(n -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("entity", n.entity());
            m.put("ports", n.ports());
            return m;
        }).toList();
    }

    /** {@code GET /v1.0/endpoints/{e}/entitys}: with the agent each runs on. */
    static List<Map<String, Object>> ofEndpoint(List<EntityInfo> entities) {
        return entities.stream().map(n -> entity(n, true)).toList();
    }

    /** {@code GET /v1.0/endpoints/{e}/agents}. */
    static List<Map<String, Object>> agents(List<EntityRoutes.EndpointAgent> agents) {
        return agents.stream().map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("agent_id", a.agentId());
            m.put("agent_host", a.host());
            m.put("cpu", a.cpu());
            m.put("memory", a.memory());
            return m;
        }).toList();
    }

    /** {@code GET /v1.0/endpoints/{e}/count}. */
    static List<Map<String, Object>> counts(List<EntityRoutes.EndpointCount> counts) {
        return counts.stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("endpoint", c.endpoint());
            m.put("count", c.count());
            return m;
        }).toList();
    }

    /** {@code POST /v1.0/agent/{id}/endpoint/{e}/entitys}: the ports allocated under {@code port}. */
    static Map<String, Object> created(EntityRoutes.CreatedEntity c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entity", c.entity().entity());
        m.put("agent_id", c.entity().agentId());
        m.put("metadata", c.metadata());
        m.put("endpoint", c.entity().endpoint());
        m.put("port", c.entity().ports());
        return m;
    }

    /** {@code GET /v1.0/endpoint/{e}/entitys/{n}}. */
    static Map<String, Object> shown(EntityRoutes.EntityDetail d) {
        EntityInfo n = d.entity();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("endpoint", n.endpoint());
        m.put("agent_id", n.agentId());
        m.put("metadata", d.metadata());
        m.put("entity", n.entity());
        m.put("desc", n.desc());
        m.put("ports", n.ports());
        return m;
    }
}
