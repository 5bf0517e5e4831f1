package io.armada.ports.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.armada.ports.PortAllocation;

/** Answer rows of the goperation port routes (path values are parsed by core's {@code Goperation}). */
final class PortRows {

    private PortRows() {
    }

    static Map<String, Object> row(PortAllocation a, boolean owner) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("port", a.port());
        m.put("desc", a.desc());
        if (owner) {
            m.put("endpoint", a.endpoint());
            m.put("entity", a.entity());
        }
        return m;
    }

    /** The answer of allocate and free; {@code endpoint} was accepted by the service, so it is not blank. */
    static Map<String, Object> result(long agentId, String endpoint, long entity, List<Integer> ports) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agent_id", agentId);
        m.put("endpoint", endpoint.trim().toLowerCase(Locale.ROOT));
        m.put("entity", entity);
        m.put("ports", ports);
        return m;
    }
}
