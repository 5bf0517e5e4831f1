package io.armada.agents.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.armada.agents.AgentDetail;
import io.armada.agents.AgentInfo;
import io.armada.agents.AgentRoutes;
import io.armada.agents.EntityInfo;

/** Agents in goperation's field names and order, one shape per route (the original's {@code to_dict}s). */
final class AgentRows {

    private AgentRows() {
    }

    /** The fields every agent row starts with (list, show, update), in goperation's order. */
    private static Map<String, Object> summary(AgentInfo a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agent_id", a.agentId());
        m.put("host", a.host());
        m.put("agent_type", a.agentType());
        m.put("status", a.status());
        m.put("cpu", a.cpu());
        m.put("memory", a.memory());
        m.put("disk", a.disk());
        return m;
    }

    /** {@code GET /v1.0/agents}: one row of the page. */
    static Map<String, Object> listed(AgentInfo a) {
        Map<String, Object> m = summary(a);
        m.put("endpoints", a.endpoints());
        m.put("create_time", a.createTime());
        return m;
    }

    static List<Map<String, Object>> listed(List<AgentInfo> agents) {
        return agents.stream().map(AgentRows::listed).toList();
    }

    /** {@code GET /v1.0/agents/{id}}: the columns, endpoints with their entities, and the node's last report. */
    static Map<String, Object> shown(AgentDetail d) {
        AgentInfo a = d.agent();
        Map<String, Object> endpoints = new LinkedHashMap<>();
        d.endpoints().forEach((name, entities) -> endpoints.put(name, entities.stream().map(AgentRows::entity).toList()));
        Map<String, Object> m = summary(a);
        m.put("ports_range", a.portsRange());
        m.put("endpoints", endpoints);
        m.put("metadata", d.metadata());
        m.put("create_time", a.createTime());
        m.put("ip", a.ip());
        m.put("port", a.port());
        m.put("online", a.online());
        m.put("last_report", a.lastReport());
        m.put("services", d.services());
        return m;
    }

    private static Map<String, Object> entity(EntityInfo n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entity", n.entity());
        m.put("ports", n.ports());
        return m;
    }

    /** {@code POST /v1.0/agents}. */
    static Map<String, Object> created(AgentInfo a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agent_id", a.agentId());
        m.put("host", a.host());
        m.put("status", a.status());
        m.put("ports_range", a.portsRange());
        m.put("endpoints", a.endpoints());
        return m;
    }

    /** {@code DELETE /v1.0/agents/{id}}: a deleted agent has no metadata. */
    static Map<String, Object> deleted(AgentInfo a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agent_id", a.agentId());
        m.put("host", a.host());
        m.put("status", a.status());
        m.put("metadata", null);
        m.put("ports_range", a.portsRange());
        return m;
    }

    /** {@code PUT /v1.0/agents/{ids}}: one row per agent changed. */
    static List<Map<String, Object>> updated(List<AgentInfo> agents) {
        return agents.stream().map(a -> {
            Map<String, Object> m = summary(a);
            m.put("ports_range", a.portsRange());
            return m;
        }).toList();
    }

    /** {@code PATCH /v1.0/agents/{id}/active}. */
    static Map<String, Object> activated(AgentRoutes.Activated x) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agent_id", x.agent().agentId());
        m.put("host", x.agent().host());
        m.put("metadata", x.metadata());
        m.put("status", x.agent().status());
        return m;
    }
}
