package io.armada.agents.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.armada.core.ApiException;
import io.armada.core.Params;

/**
 * A node report (SPEC §6/§7): {@code type} resource or service, {@code hostname}, {@code ip}, {@code utc},
 * {@code node_uuid}, {@code port}, the resource report's {@code ports_range}, and {@code data}. The resource
 * report's figures become the agent's {@code cpu} (count), {@code memory} and {@code disk} (MiB).
 */
record NodeReport(boolean resource, String nodeUuid, String hostname, String ip, Integer port,
        List<String> portsRange, int cpu, long memoryMb, long diskMb, JsonNode body) {
    /** The node role's default HTTP port (SPEC §2), for reports that do not say. */
    static final int DEFAULT_NODE_PORT = 50002;
    private static final long MIB = 1024L * 1024L;

    static NodeReport parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("json not match error schema: report must be an object");
        }
        String type = text(body, "type", 16);
        boolean resource;
        if ("resource".equals(type)) {
            resource = true;
        } else if ("service".equals(type)) {
            resource = false;
        } else {
            throw ApiException.badRequest("json not match error schema: 'type' must be resource or service");
        }
        String uuid = text(body, "node_uuid", 64);
        String host = AgentRules.hostname(text(body, "hostname", AgentRules.MAX_HOST_NAME));
        String ip = ipLiteral(text(body, "ip", 64));
        JsonNode utc = body.get("utc");
        if (utc != null && !utc.isNull() && !utc.isNumber()) {
            throw ApiException.badRequest("json not match error schema: 'utc' must be a number");
        }
        Integer port = DEFAULT_NODE_PORT;
        JsonNode p = body.get("port");
        if (p != null && !p.isNull()) {
            if (!p.isIntegralNumber() || !p.canConvertToInt() || p.asInt() < 1 || p.asInt() > 65535) {
                throw ApiException.badRequest("json not match error schema: 'port' must be a port number");
            }
            port = p.asInt();
        }
        List<String> range = null;
        JsonNode r = body.get("ports_range");
        if (r != null && !r.isNull()) {
            if (!r.isArray()) {
                throw ApiException.badRequest("json not match error schema: 'ports_range' must be a list");
            }
            List<String> items = new ArrayList<>();
            for (JsonNode item : r) {
                if (!item.isTextual()) {
                    throw ApiException.badRequest("json not match error schema: 'ports_range' items must be strings");
                }
                items.add(item.asText());
            }
            range = AgentRules.portsRange(items);
        }
        JsonNode data = body.get("data");
        if (data == null || !data.isObject()) {
            throw ApiException.badRequest("json not match error schema: 'data' must be an object");
        }
        int cpu = 0;
        long memory = 0;
        long disk = 0;
        if (resource) {
            long cpus = number(data.path("cpu").path("numbers"), "data.cpu.numbers");
            if (cpus > Integer.MAX_VALUE) {
                throw ApiException.badRequest("json not match error schema: 'data.cpu.numbers' is out of range");
            }
            cpu = (int) cpus;
            memory = number(data.path("memory").path("total"), "data.memory.total") / MIB;
            long bytes = 0;
            JsonNode disks = data.path("disk");
            if (disks.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = disks.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> d = it.next();
                    bytes += number(d.getValue().path("total"), "data.disk." + d.getKey() + ".total");
                }
            }
            disk = bytes / MIB;
        }
        return new NodeReport(resource, uuid, host, ip, port, range, cpu, memory, disk, body);
    }

    /**
     * The node's address, which the server later calls with the token: an IPv4 or IPv6 literal and nothing else
     * (review M2: a report's {@code "ip":"10.0.0.7:2375/x?"} made the server POST, with the token, anywhere). Never
     * resolves a name.
     */
    static String ipLiteral(String ip) {
        if (Params.isIpLiteral(ip)) {
            return ip;
        }
        throw ApiException.badRequest("json not match error schema: 'ip' must be an IPv4 or IPv6 address");
    }

    private static String text(JsonNode body, String field, int max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            throw ApiException.badRequest("json not match error schema: '" + field + "' is required");
        }
        if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > max) {
            throw ApiException.badRequest("json not match error schema: '" + field + "' must be a string of 1.." + max
                    + " characters");
        }
        return v.asText().trim();
    }

    /** A non-negative number; missing counts as 0 (an old node may not send every figure). */
    private static long number(JsonNode v, String field) {
        if (v == null || v.isMissingNode() || v.isNull()) {
            return 0;
        }
        if (!v.isNumber() || v.asDouble() < 0) {
            throw ApiException.badRequest("json not match error schema: '" + field + "' must be a number");
        }
        if (!v.canConvertToLong()) {
            // review L7: asLong() of a number past 2^63 wrapped silently
            throw ApiException.badRequest("json not match error schema: '" + field + "' is out of range");
        }
        return v.asLong();
    }
}
