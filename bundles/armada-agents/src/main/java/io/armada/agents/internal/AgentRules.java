package io.armada.agents.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import io.armada.agents.AgentStatus;
import io.armada.core.ApiException;

/**
 * Goperation's validation rules (validateutils, gdata, the agent controller), as pure functions that throw the
 * goperation error of the original.
 */
public final class AgentRules {
    public static final int MAX_ENDPOINT_NAME = 64;
    public static final int MAX_HOST_NAME = 128;
    public static final int MAX_AGENT_TYPE = 64;
    public static final int MAX_PORTS_RANGE_TEXT = 1024;

    private static final Pattern ENDPOINT = Pattern.compile("^[a-z][a-z0-9]+$", Pattern.CASE_INSENSITIVE);
    private static final Pattern HOST_LABEL = Pattern.compile("^[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?$");
    /**
     * Names an endpoint may not have (validateutils.illegal_endpoint_name). The original list misses a comma
     * between 'entity' and 'flush'; both are reserved here, as intended.
     */
    static final Set<String> RESERVED = Set.of("agent", "port", "endpoint", "file", "async", "entity", "flush",
            "online", "upgrade", "active", "status", "clean", "create", "delete", "edit", "update", "select", "show",
            "list", "application", "scheduler");

    private AgentRules() {
    }

    /** Refuses ids that are not live agents, as the original's {@code agents_id_check} does (400, not 404). */
    public static void checkKnown(Collection<Long> wanted, Set<Long> live) {
        java.util.SortedSet<Long> missing = new java.util.TreeSet<>(wanted);
        missing.removeAll(live);
        if (!missing.isEmpty()) {
            throw ApiException.badRequest("agents id " + missing + " can not be found");
        }
    }

    /** An endpoint name, lower-cased. */
    public static String endpoint(String value) {
        if (value == null || value.isEmpty()) {
            throw ApiException.badRequest("Entpoint name is empty");
        }
        if (value.length() > MAX_ENDPOINT_NAME) {
            throw ApiException.badRequest("Entpoint name over size");
        }
        if (!ENDPOINT.matcher(value).matches()) {
            throw ApiException.badRequest("Entpoint name " + value + " not match regx");
        }
        String v = value.toLowerCase(Locale.ROOT);
        if (RESERVED.contains(v)) {
            throw ApiException.badRequest("Entpoint name " + v + " is reserved");
        }
        return v;
    }

    /** A list of endpoint names (a JSON list, or a comma string), distinct, lower-cased, in order. */
    public static List<String> endpoints(Object value) {
        List<String> raw = new ArrayList<>();
        if (value == null) {
            return List.of();
        }
        if (value instanceof String s) {
            for (String part : s.split(",")) {
                raw.add(part.trim());
            }
        } else if (value instanceof Collection<?> c) {
            for (Object o : c) {
                if (!(o instanceof String s)) {
                    throw ApiException.badRequest("Entpoint name is not basestring");
                }
                raw.add(s);
            }
        } else {
            throw ApiException.badRequest("Entpoint list type error");
        }
        Set<String> out = new LinkedHashSet<>();
        for (String s : raw) {
            out.add(endpoint(s));
        }
        return List.copyOf(out);
    }

    /** A host name (simpleutil type:hostname): dot-separated labels, at most 128 characters. */
    public static String hostname(String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("Can not find argument: host");
        }
        String v = value.trim();
        if (v.length() > MAX_HOST_NAME) {
            throw ApiException.badRequest("Argument value type error: host name over size");
        }
        String[] labels = (v.endsWith(".") ? v.substring(0, v.length() - 1) : v).split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63 || !HOST_LABEL.matcher(label).matches()) {
                throw ApiException.badRequest("Argument value type error: '" + v + "' is not a valid hostname");
            }
        }
        return v;
    }

    /** The agent type: required, at most 64 characters. */
    public static String agentType(String value) {
        if (value == null || value.isBlank() || value.length() > MAX_AGENT_TYPE) {
            throw ApiException.badRequest("Argument value type error: Agent type info over size");
        }
        return value.trim();
    }

    /**
     * A {@code ports_range}: {@code "down-up"} half-open ranges, 1024 ≤ down &lt; up ≤ 65536. Returned trimmed, in
     * the given order.
     */
    public static List<String> portsRange(List<String> value) {
        if (value == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(value.size());
        for (String item : value) {
            if (item == null) {
                throw ApiException.badRequest("ports_range item is null");
            }
            String s = item.trim();
            int dash = s.indexOf('-');
            int down;
            int up;
            try {
                if (dash <= 0) {
                    throw new NumberFormatException();
                }
                down = Integer.parseInt(s.substring(0, dash).trim());
                up = Integer.parseInt(s.substring(dash + 1).trim());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("ports_range item '" + s + "' is not down-up");
            }
            if (down < 1024) {
                throw ApiException.badRequest("ports_range item '" + s + "': Port 1-1024 is not allowed");
            }
            if (up > 65536 || down >= up) {
                throw ApiException.badRequest("ports_range item '" + s + "' is not a range inside 1024-65536");
            }
            out.add(down + "-" + up);
        }
        if (String.join(",", out).length() + 4 * out.size() > MAX_PORTS_RANGE_TEXT) {
            throw ApiException.badRequest("ports_range is too long");
        }
        return List.copyOf(out);
    }

    /** A figure (cpu, memory, disk): a number ≥ 0. */
    public static long figure(Number value, String name) {
        if (value == null) {
            throw ApiException.badRequest("Can not find argument: " + name);
        }
        if (value instanceof Double || value instanceof Float || value instanceof java.math.BigDecimal) {
            throw ApiException.badRequest("Argument value type error: " + name + " is not an integer");
        }
        long v = exactLong(value, name);
        if (v < 0) {
            throw ApiException.badRequest("Argument value type error: " + name + " is negative");
        }
        return v;
    }

    /** The status {@code active} may set: 1 or 0. */
    public static int activeStatus(Integer value) {
        int status = value == null ? AgentStatus.ACTIVE : value;
        if (status != AgentStatus.ACTIVE && status != AgentStatus.UNACTIVE) {
            throw ApiException.badRequest("Argument status not right");
        }
        return status;
    }

    /** A status an edit may store: any but deleted (deletion goes through delete). */
    public static int editableStatus(int value) {
        if (value != AgentStatus.ACTIVE && value != AgentStatus.UNACTIVE && value != AgentStatus.SOFTBUSY
                && value != AgentStatus.INITIALIZING && value != AgentStatus.HARDBUSY) {
            throw ApiException.badRequest("Argument status not right");
        }
        return value;
    }

    /** Whether an agent with this status is live (not deleted). */
    public static boolean live(int status) {
        return status > AgentStatus.DELETED;
    }

    /** Whether an agent with this status may get entities. */
    public static boolean takesEntities(int status) {
        return status == AgentStatus.ACTIVE;
    }

    /** Whether a clean may remove an agent with this status. */
    public static boolean cleanable(int status) {
        return status <= AgentStatus.DELETED;
    }

    /**
     * Validated column changes of {@code edit} (PATCH, one agent) and {@code update} (PUT, one or more agents).
     *
     * @param allowStatus edit may set the busy statuses; update may not
     * @param allowHost a host can only be given to one agent
     */
    static UnaryOperator<AgentRow> changes(Map<String, Object> body, boolean allowStatus, boolean allowHost) {
        if (body == null || body.isEmpty()) {
            throw ApiException.badRequest("Not data exist");
        }
        List<UnaryOperator<AgentRow>> steps = new ArrayList<>();
        for (Map.Entry<String, Object> e : body.entrySet()) {
            Object v = e.getValue();
            switch (e.getKey()) {
                case "host" -> {
                    if (!allowHost) {
                        throw ApiException.badRequest("host can only be changed on one agent");
                    }
                    String h = hostname(string(v, "host"));
                    steps.add(a -> a.withHost(h));
                }
                case "agent_type" -> {
                    String t = agentType(string(v, "agent_type"));
                    steps.add(a -> a.withAgentType(t));
                }
                case "cpu" -> {
                    long c = figure(number(v, "cpu"), "cpu");
                    steps.add(a -> a.withCpu((int) Math.min(Integer.MAX_VALUE, c)));
                }
                case "memory" -> {
                    long m = figure(number(v, "memory"), "memory");
                    steps.add(a -> a.withMemory(m));
                }
                case "disk" -> {
                    long d = figure(number(v, "disk"), "disk");
                    steps.add(a -> a.withDisk(d));
                }
                case "ports_range" -> {
                    String r = AgentLookup.json(portsRange(strings(v, "ports_range")));
                    steps.add(a -> a.withPortsRange(r));
                }
                case "status" -> {
                    if (!allowStatus) {
                        throw ApiException.badRequest("status is changed through active and delete");
                    }
                    long given = exactLong(number(v, "status"), "status");
                    if (given < Integer.MIN_VALUE || given > Integer.MAX_VALUE) {
                        throw ApiException.badRequest("Argument status not right");
                    }
                    int s = editableStatus((int) given);
                    steps.add(a -> a.withStatus(s));
                }
                default -> throw ApiException.badRequest("Argument " + e.getKey() + " can not be changed");
            }
        }
        return a -> {
            AgentRow out = a;
            for (UnaryOperator<AgentRow> step : steps) {
                out = step.apply(out);
            }
            return out;
        };
    }

    private static String string(Object v, String name) {
        if (!(v instanceof String s)) {
            throw ApiException.badRequest("json not match error schema: '" + name + "' must be a string");
        }
        return s;
    }

    /**
     * The value of an integer as a {@code long}, refusing what does not fit (review L7: {@code longValue()} of a
     * BigInteger and {@code intValue()} of a long wrapped silently, so 2^32+1 became status 1).
     */
    static long exactLong(Number n, String name) {
        if (n instanceof java.math.BigInteger b) {
            if (b.bitLength() > 63) {
                throw ApiException.badRequest("Argument value type error: " + name + " is out of range");
            }
            return b.longValue();
        }
        return n.longValue();
    }

    private static Number number(Object v, String name) {
        if (!(v instanceof Number n) || v instanceof Double || v instanceof Float) {
            throw ApiException.badRequest("json not match error schema: '" + name + "' must be an integer");
        }
        return n;
    }

    private static List<String> strings(Object v, String name) {
        if (!(v instanceof Collection<?> c)) {
            throw ApiException.badRequest("json not match error schema: '" + name + "' must be a list");
        }
        List<String> out = new ArrayList<>();
        for (Object o : c) {
            out.add(string(o, name));
        }
        return out;
    }
}
