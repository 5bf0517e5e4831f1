package io.armada.ports.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * An agent's {@code ports_range}: half-open {@code "down-up"} ranges ({@code [down, up)}), as Goperation's agents
 * configure them. Nothing under 1024 is allowed; overlapping or touching ranges are merged.
 */
final class PortRanges {
    static final int LOWEST = 1024;
    static final int HIGHEST = 65535;

    /** One merged range {@code [down, up)}. */
    record Range(int down, int up) {
        int size() {
            return up - down;
        }
    }

    private final List<Range> ranges;
    private final int size;

    private PortRanges(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
        this.size = ranges.stream().mapToInt(Range::size).sum();
    }

    /**
     * Parses and merges ranges.
     *
     * @throws IllegalArgumentException naming the bad item
     */
    static PortRanges parse(Collection<String> specs) {
        List<Range> parsed = new ArrayList<>();
        if (specs != null) {
            for (String spec : specs) {
                parsed.add(parseOne(spec));
            }
        }
        parsed.sort(Comparator.comparingInt(Range::down));
        List<Range> merged = new ArrayList<>();
        for (Range r : parsed) {
            Range last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && r.down() <= last.up()) {
                merged.set(merged.size() - 1, new Range(last.down(), Math.max(last.up(), r.up())));
            } else {
                merged.add(r);
            }
        }
        return new PortRanges(merged);
    }

    private static Range parseOne(String spec) {
        if (spec == null) {
            throw new IllegalArgumentException("ports_range item is null");
        }
        String s = spec.trim();
        int dash = s.indexOf('-');
        if (dash <= 0 || dash == s.length() - 1) {
            throw new IllegalArgumentException("ports_range item '" + s + "' is not down-up");
        }
        int down;
        int up;
        try {
            down = Integer.parseInt(s.substring(0, dash).trim());
            up = Integer.parseInt(s.substring(dash + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ports_range item '" + s + "' is not down-up");
        }
        if (down < LOWEST) {
            throw new IllegalArgumentException("ports_range item '" + s + "': Port 1-1024 is not allowed");
        }
        if (up > HIGHEST + 1 || down >= up) {
            throw new IllegalArgumentException("ports_range item '" + s + "' is not a range inside 1024-65536");
        }
        return new Range(down, up);
    }

    List<Range> ranges() {
        return ranges;
    }

    /** Number of ports in all ranges. */
    int size() {
        return size;
    }

    boolean contains(int port) {
        for (Range r : ranges) {
            if (port >= r.down() && port < r.up()) {
                return true;
            }
        }
        return false;
    }

    /** The port at position {@code index} (0 ≤ index &lt; size) counting through the ranges in order. */
    int portAt(int index) {
        int i = index;
        for (Range r : ranges) {
            if (i < r.size()) {
                return r.down() + i;
            }
            i -= r.size();
        }
        throw new IndexOutOfBoundsException(index + " of " + size);
    }
}
