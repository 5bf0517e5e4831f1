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

    /** Rows on a page of a goperation list (the original's {@code ROW_PER_PAGE}). */
    public static final int ROWS_PER_PAGE = 200;

    private Goperation() {
    }

    /**
     * A list route's {@code page_num}: 0-based, absent reads as 0.
     *
     * @param pageNum the value given, may be {@code null}
     * @return the page number
     * @throws ApiException BAD_REQUEST when negative, or so large that its first row lies beyond an {@code int}
     *         offset (security review M6: {@code page * 200} wrapped to a negative offset and a 500)
     * @since 1.1
     */
    public static int page(Integer pageNum) {
        int p = pageNum == null ? 0 : pageNum;
        if (p < 0) {
            throw ApiException.badRequest("page_num must be at least 0");
        }
        Params.pageOffset((long) p + 1, ROWS_PER_PAGE, "page_num");
        return p;
    }

    /**
     * The first row of a page checked by {@link #page(Integer)}.
     *
     * @since 1.1
     */
    public static int offset(int page) {
        return Params.pageOffset((long) page + 1, ROWS_PER_PAGE, "page_num");
    }

    /**
     * Refuses a page past the end of a list of {@code total} rows, as the original's {@code bulk_results} does
     * (page 0 of an empty list is an empty page).
     *
     * @throws ApiException BAD_REQUEST {@code Page number over size or no data exist}
     * @since 1.1
     */
    public static void checkPage(int page, long total) {
        if (page > 0 && (long) page * ROWS_PER_PAGE >= total) {
            throw ApiException.badRequest("Page number over size or no data exist");
        }
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
