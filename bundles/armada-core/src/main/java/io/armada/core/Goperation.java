package io.armada.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Path values of the goperation routes, parsed once for every area that speaks goperation (agents, ports, and the
 * files, scheduler, tars and jobs areas to come). Each refusal is an {@link ApiException} of kind
 * {@link ErrorKind#BAD_REQUEST} with the original's message; "no such record" is the caller's {@code NOT_FOUND}.
 *
 * @since 1.1
 */
public final class Goperation {
    private static final Pattern ITEM = Pattern.compile("^([1-9]\\d*|[1-9]\\d*-[1-9]\\d*)$");
    /** A selection (one range, or the whole list) may not name more agent ids than this. */
    public static final int MAX_AGENT_IDS = 100_000;

    /**
     * A parsed agent selection.
     *
     * @param all {@code true} for {@code all}: every live agent
     * @param ids the ids named, ascending; empty when {@code all}
     * @since 1.1
     */
    public record AgentSelection(boolean all, SortedSet<Long> ids) {
        public AgentSelection {
            ids = Collections.unmodifiableSortedSet(new TreeSet<>(ids));
        }
    }

    private Goperation() {
    }

    /**
     * An agent id path value: {@code all}, one id, or a comma list of ids and {@code a-b} ranges (the original's
     * {@code ENABLEIDS} per item).
     *
     * @param raw the path value, may be {@code null}
     * @return the selection
     * @throws ApiException BAD_REQUEST when empty, an item does not match, a range is reversed or too long
     * @since 1.1
     */
    public static AgentSelection agents(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.badRequest("agent id is empty");
        }
        String v = raw.trim();
        if (v.equalsIgnoreCase("all")) {
            return new AgentSelection(true, new TreeSet<>());
        }
        SortedSet<Long> ids = new TreeSet<>();
        for (String part : v.split(",")) {
            String p = part.trim();
            if (!ITEM.matcher(p).matches()) {
                throw ApiException.badRequest("agent id " + p + " not match regx");
            }
            try {
                int dash = p.indexOf('-');
                if (dash < 0) {
                    ids.add(Long.parseLong(p));
                } else {
                    long a = Long.parseLong(p.substring(0, dash));
                    long b = Long.parseLong(p.substring(dash + 1));
                    if (b < a || b - a >= MAX_AGENT_IDS) {
                        throw ApiException.badRequest("agent id range " + p + " is not valid");
                    }
                    for (long id = a; id <= b; id++) {
                        ids.add(id);
                    }
                }
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("agent id " + p + " not match regx");
            }
            if (ids.size() > MAX_AGENT_IDS) {
                throw ApiException.badRequest("too many agent ids");
            }
        }
        return new AgentSelection(false, ids);
    }

    /**
     * Exactly one agent id (the original's {@code AgentIdformater}): {@code all}, a list or a range is "Just for
     * one agent".
     *
     * @param raw the path value, may be {@code null}
     * @return the id
     * @throws ApiException BAD_REQUEST as {@link #agents}, or when more than one agent is named
     * @since 1.1
     */
    public static long oneAgent(String raw) {
        AgentSelection s = agents(raw);
        if (s.all() || s.ids().size() != 1) {
            throw ApiException.badRequest("Just for one agent");
        }
        return s.ids().first();
    }

    /**
     * An entity number path value: an unsigned integer.
     *
     * @param raw the path value, may be {@code null}
     * @return the number, at least 0
     * @throws ApiException BAD_REQUEST when not an unsigned integer
     * @since 1.1
     */
    public static long entity(String raw) {
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

    /**
     * A comma list of ports path value ({@code DELETE .../ports/{p1,p2}}); empty items are skipped. Ranges are the
     * area's to check.
     *
     * @param raw the path value, may be {@code null}
     * @return the ports, in the order given, at least one
     * @throws ApiException BAD_REQUEST when an item is not an integer or no port is named
     * @since 1.1
     */
    public static List<Integer> ports(String raw) {
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
}
