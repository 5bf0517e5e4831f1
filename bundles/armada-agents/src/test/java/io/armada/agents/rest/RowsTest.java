package io.armada.agents.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.armada.agents.AgentDetail;
import io.armada.agents.AgentInfo;
import io.armada.agents.AgentRoutes;
import io.armada.agents.EndpointInfo;
import io.armada.agents.EntityInfo;
import io.armada.agents.EntityRoutes;

/** The rows of the agent and entity routes: goperation's field names, in its order, with the values given. */
public class RowsTest {
    private static final AgentInfo AGENT = new AgentInfo(7, "node7", "application", 1, 4, 2048, 10240,
            List.of("30000-31000"), List.of("game", "web"), 1700000000L, "u-7", "10.0.0.7", 8181, true, 1700000100L);
    private static final EntityInfo ENTITY = new EntityInfo(7, "game", 3, "third", List.of(30001, 30002));

    private static List<String> keys(Map<String, Object> row) {
        return new ArrayList<>(row.keySet());
    }

    @Test
    public void agentRowsPerRoute() {
        Map<String, Object> listed = AgentRows.listed(AGENT);
        assertEquals(List.of("agent_id", "host", "agent_type", "status", "cpu", "memory", "disk", "endpoints",
                "create_time"), keys(listed));
        assertEquals(List.of("game", "web"), listed.get("endpoints"));
        assertEquals(2048L, listed.get("memory"));

        ObjectNode metadata = JsonNodeFactory.instance.objectNode().put("local_ip", "10.0.0.7");
        Map<String, List<EntityInfo>> endpoints = new TreeMap<>(Map.of("web", List.of(), "game", List.of(ENTITY)));
        Map<String, Object> shown = AgentRows.shown(new AgentDetail(AGENT, endpoints, metadata, null));
        assertEquals(List.of("agent_id", "host", "agent_type", "status", "cpu", "memory", "disk", "ports_range",
                "endpoints", "metadata", "create_time", "ip", "port", "online", "last_report", "services"),
                keys(shown));
        @SuppressWarnings("unchecked")
        Map<String, Object> eps = (Map<String, Object>) shown.get("endpoints");
        assertEquals(List.of("game", "web"), keys(eps));
        assertEquals(List.of(Map.of("entity", 3L, "ports", List.of(30001, 30002))), eps.get("game"));
        assertEquals(metadata, shown.get("metadata"));
        assertEquals(8181, shown.get("port"));
        assertEquals(true, shown.get("online"));

        assertEquals(List.of("agent_id", "host", "status", "ports_range", "endpoints"),
                keys(AgentRows.created(AGENT)));
        Map<String, Object> deleted = AgentRows.deleted(AGENT);
        assertEquals(List.of("agent_id", "host", "status", "metadata", "ports_range"), keys(deleted));
        assertNull(deleted.get("metadata"));
        List<Map<String, Object>> updated = AgentRows.updated(List.of(AGENT));
        assertEquals(1, updated.size());
        assertEquals(List.of("agent_id", "host", "agent_type", "status", "cpu", "memory", "disk", "ports_range"),
                keys(updated.get(0)));
        Map<String, Object> active = AgentRows.activated(new AgentRoutes.Activated(AGENT, metadata));
        assertEquals(List.of("agent_id", "host", "metadata", "status"), keys(active));
        assertEquals(1, active.get("status"));
    }

    @Test
    public void entityRowsPerRoute() {
        Map<String, Object> endpoint = EntityRows.endpoint(new EndpointInfo(7, "game", List.of(ENTITY)));
        assertEquals(List.of("agent_id", "endpoint", "entitys"), keys(endpoint));
        assertEquals(List.of(Map.of("entity", 3L, "desc", "third", "ports", List.of(30001, 30002))),
                endpoint.get("entitys"));
        List<Map<String, Object>> ofAgent = EntityRows.ofAgent(List.of(ENTITY));
        assertEquals(1, ofAgent.size());
        assertEquals(List.of("entity", "ports"), keys(ofAgent.get(0)));
        List<Map<String, Object>> ofEndpoint = EntityRows.ofEndpoint(List.of(ENTITY));
        assertEquals(1, ofEndpoint.size());
        assertEquals(List.of("agent_id", "entity", "desc", "ports"), keys(ofEndpoint.get(0)));
        List<Map<String, Object>> agents = EntityRows.agents(List.of(new EntityRoutes.EndpointAgent(7, "node7", 4, 2048)));
        assertEquals(List.of(Map.of("agent_id", 7L, "agent_host", "node7", "cpu", 4, "memory", 2048L)), agents);
        assertEquals(List.of("agent_id", "agent_host", "cpu", "memory"), keys(agents.get(0)));
        List<Map<String, Object>> counts = EntityRows.counts(List.of(new EntityRoutes.EndpointCount("game", 2)));
        assertEquals(List.of(Map.of("endpoint", "game", "count", 2L)), counts);

        Map<String, Object> created = EntityRows.created(new EntityRoutes.CreatedEntity(ENTITY, null));
        assertEquals(List.of("entity", "agent_id", "metadata", "endpoint", "port"), keys(created));
        assertEquals(List.of(30001, 30002), created.get("port"));
        Map<String, Object> shown = EntityRows.shown(new EntityRoutes.EntityDetail(ENTITY, null));
        assertEquals(List.of("endpoint", "agent_id", "metadata", "entity", "desc", "ports"), keys(shown));
    }
}
