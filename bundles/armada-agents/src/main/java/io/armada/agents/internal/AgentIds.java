package io.armada.agents.internal;

import java.util.Collection;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.armada.core.ApiException;

/**
 * Goperation's agent id path values: {@code all}, one id, or a comma list of ids and {@code a-b} ranges
 * ({@code ENABLEIDS} per item).
 */
public final class AgentIds {
    private static final Pattern ITEM = Pattern.compile("^([1-9]\\d*|[1-9]\\d*-[1-9]\\d*)$");
    /** A range may not name more ids than this. */
    static final int MAX_IDS = 100_000;

    /** A parsed selection: all live agents, or these ids. */
    public record Selection(boolean all, SortedSet<Long> ids) {
    }

    private AgentIds() {
    }

    public static Selection parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.badRequest("agent id is empty");
        }
        String v = raw.trim();
        if (v.equalsIgnoreCase("all")) {
            return new Selection(true, new TreeSet<>());
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
                    if (b < a || b - a >= MAX_IDS) {
                        throw ApiException.badRequest("agent id range " + p + " is not valid");
                    }
                    for (long id = a; id <= b; id++) {
                        ids.add(id);
                    }
                }
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("agent id " + p + " not match regx");
            }
            if (ids.size() > MAX_IDS) {
                throw ApiException.badRequest("too many agent ids");
            }
        }
        return new Selection(false, ids);
    }

    /** Exactly one id: {@code all} or several is Goperation's "Just for one agent". */
    public static long one(String raw) {
        Selection s = parse(raw);
        if (s.all() || s.ids().size() != 1) {
            throw ApiException.badRequest("Just for one agent");
        }
        return s.ids().first();
    }

    /** Refuses ids that are not live agents, as {@code agents_id_check} does. */
    public static void checkKnown(Collection<Long> wanted, Set<Long> live) {
        SortedSet<Long> missing = new TreeSet<>(wanted);
        missing.removeAll(live);
        if (!missing.isEmpty()) {
            throw ApiException.badRequest("agents id " + missing + " can not be found");
        }
    }
}
