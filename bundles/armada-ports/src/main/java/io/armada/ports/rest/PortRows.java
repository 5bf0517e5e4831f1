package io.armada.ports.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.armada.core.ApiException;
import io.armada.ports.PortAllocation;

/** Path values and answer rows of the goperation port routes. */
final class PortsWire {

    private PortsWire() {
    }

    /** One agent id from a path: {@code all} or a list is refused as in Goperation's AgentIdformater. */
    static long oneAgent(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.badRequest("agent_id is required");
        }
        String v = raw.trim();
        if (v.equalsIgnoreCase("all") || v.contains(",") || v.contains("-")) {
            throw ApiException.badRequest("Just for one agent");
        }
        try {
            long id = Long.parseLong(v);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ApiException.badRequest("agent id " + v + " is not an id");
    }

    /** An entity number from a path. */
    static long entity(String raw) {
        try {
            long n = Long.parseLong(raw == null ? "" : raw.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ApiException.badRequest("entity " + raw + " is not an entity number");
    }

    /** A comma list of ports from a path. */
    static List<Integer> ports(String raw) {
        List<Integer> out = new ArrayList<>();
        if (raw != null) {
            for (String part : raw.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    out.add(Integer.parseInt(part.trim()));
                } catch (NumberFormatException e) {
                    throw ApiException.badRequest("Port in ports not int, can not edit ports");
                }
            }
        }
        if (out.isEmpty()) {
            throw ApiException.badRequest("Ports is None for delete ports");
        }
        return out;
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

    static Map<String, Object> result(long agentId, String endpoint, long entity, List<Integer> ports) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agent_id", agentId);
        m.put("endpoint", endpoint);
        m.put("entity", entity);
        m.put("ports", ports);
        return m;
    }
}
