package io.armada.ports.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import io.armada.core.ApiException;

/**
 * Picks the ports of one request: explicit ports are checked, {@code null}s become free ports of the agent's
 * ranges. The choice starts at a random position and walks on, so that allocators on two servers rarely pick the
 * same port; the database's primary key settles the rare collision. Pure logic: no database here.
 */
final class PortAllocator {

    private PortAllocator() {
    }

    /**
     * Validates explicit ports: number range, no duplicates, inside the agent's ranges.
     *
     * @throws ApiException BAD_REQUEST naming the first bad port
     */
    static void validate(long agentId, PortRanges ranges, List<Integer> requested) {
        Set<Integer> seen = new HashSet<>();
        for (Integer p : requested) {
            if (p == null) {
                continue;
            }
            if (p < 0 || p > PortRanges.HIGHEST) {
                throw ApiException.badRequest("Port " + p + " in ports over range");
            }
            if (p < PortRanges.LOWEST) {
                throw ApiException.badRequest("Port " + p + ": Port 1-1024 is not allowed");
            }
            if (!seen.add(p)) {
                throw ApiException.badRequest("Port " + p + " is requested twice");
            }
            if (!ranges.contains(p)) {
                throw ApiException.badRequest("Port " + p + " is not in ports_range of agent " + agentId);
            }
        }
    }

    /** How many of {@code ports} are in {@code used}. */
    static int countUsed(List<Integer> ports, Set<Integer> used) {
        int n = 0;
        for (Integer p : ports) {
            if (p != null && used.contains(p)) {
                n++;
            }
        }
        return n;
    }

    /**
     * The request with every {@code null} replaced by a distinct free port.
     *
     * @param taken ports in use on the agent
     * @throws ApiException BAD_REQUEST when fewer free ports are left than asked for
     */
    static List<Integer> choose(long agentId, PortRanges ranges, Set<Integer> taken, List<Integer> requested,
            Random random) {
        Set<Integer> busy = new HashSet<>(taken);
        for (Integer p : requested) {
            if (p != null) {
                busy.add(p);
            }
        }
        int wanted = 0;
        for (Integer p : requested) {
            if (p == null) {
                wanted++;
            }
        }
        List<Integer> picked = free(agentId, ranges, busy, wanted, random);
        List<Integer> out = new ArrayList<>(requested.size());
        int next = 0;
        for (Integer p : requested) {
            out.add(p != null ? p : picked.get(next++));
        }
        return out;
    }

    /**
     * {@code count} distinct ports of {@code ranges} not in {@code busy}.
     *
     * @throws ApiException BAD_REQUEST when there are fewer
     */
    static List<Integer> free(long agentId, PortRanges ranges, Set<Integer> busy, int count, Random random) {
        List<Integer> out = new ArrayList<>(count);
        if (count == 0) {
            return out;
        }
        int size = ranges.size();
        int busyInside = 0;
        for (Integer p : busy) {
            if (ranges.contains(p)) {
                busyInside++;
            }
        }
        if (size - busyInside < count) {
            throw ApiException.badRequest("No free port left on agent " + agentId + ": " + (size - busyInside)
                    + " free, " + count + " wanted");
        }
        Set<Integer> chosen = new HashSet<>();
        int start = random.nextInt(size);
        for (int i = 0; i < size && out.size() < count; i++) {
            int port = ranges.portAt((start + i) % size);
            if (!busy.contains(port) && chosen.add(port)) {
                out.add(port);
            }
        }
        return out;
    }
}
