package io.armada.jobs.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.armada.core.ApiException;

/**
 * JOBX's machine groups split into batches (reference §001.3, {@code group.plugin/list} and {@code percent}).
 * <ul>
 * <li><b>list</b>: the text split on runs of {@code ;} or newlines into batches, each split on {@code ,}; empty
 * batches dropped. {@code "node1,node2;node3"} is {@code [[node1, node2], [node3]]}.</li>
 * <li><b>percent</b>, simple form: the project's nodes, in order, taken batch by batch by a {@code :}-separated
 * spec whose last element repeats until no node is left; {@code N} takes N nodes, {@code N%} (or {@code N.N%})
 * {@code int(total * N / 100)} with at least one, {@code total} being all the nodes. An empty spec is {@code 1}.</li>
 * <li><b>percent</b>, lines form (the text holds {@code ;}): each line {@code sub;range;spec}, {@code sub} a comma
 * list of project ids (empty: this project) whose nodes count only when this project has them too, de-duplicated;
 * {@code range} 1-based positions ({@code 3}, {@code 1~5}, comma-joined); the spec splits those nodes as above, and
 * the lines' batches follow each other.</li>
 * </ul>
 */
public final class GroupSplitter {
    static final int MAX_BATCHES = 10_000;
    private static final Pattern LIST_TEXT = Pattern.compile("[A-Za-z0-9_\\-.:;,\\s]+");
    private static final Pattern SPEC_ITEM = Pattern.compile("(\\d+)|(\\d+(?:\\.\\d+)?)%");
    private static final Pattern LINE = Pattern.compile("([0-9,]*);([0-9,~]+);([0-9.:%]*)");

    private GroupSplitter() {
    }

    /** Checks a list group's text (letters, digits, {@code _-.:}, separators). */
    static String checkList(String node) {
        if (node == null || node.isBlank()) {
            throw ApiException.badRequest("node undef");
        }
        if (node.length() > 2000 || !LIST_TEXT.matcher(node).matches()) {
            throw ApiException.badRequest("check format fail node");
        }
        if (list(node).isEmpty()) {
            throw ApiException.badRequest("check format fail node");
        }
        return node.trim();
    }

    /** A list group's batches. */
    static List<List<String>> list(String node) {
        List<List<String>> batches = new ArrayList<>();
        for (String part : node.split("(;|\\n|\\r)+")) {
            List<String> batch = new ArrayList<>();
            for (String n : part.split(",")) {
                if (!n.isBlank()) {
                    batch.add(n.trim());
                }
            }
            if (!batch.isEmpty()) {
                batches.add(batch);
            }
        }
        return batches;
    }

    /** Checks a percent group's text: the simple spec, or lines of {@code sub;range;spec}. */
    static String checkPercent(String percent) {
        if (percent == null) {
            throw ApiException.badRequest("percent undef");
        }
        String p = percent.trim();
        if (p.length() > 2000) {
            throw ApiException.badRequest("check format fail percent");
        }
        if (p.contains(";")) {
            for (String line : p.split("[\\r\\n]+")) {
                if (!line.isBlank()) {
                    Matcher m = LINE.matcher(line.trim());
                    if (!m.matches()) {
                        throw ApiException.badRequest("percent format error: " + line.trim());
                    }
                    positions(m.group(2), Integer.MAX_VALUE);
                    spec(m.group(3));
                }
            }
        } else {
            spec(p);
        }
        return p;
    }

    /**
     * A percent group's batches.
     *
     * @param nodes the project's nodes, in order
     * @param otherProject the nodes of another project by id (for the lines form)
     */
    static List<List<String>> percent(String percent, List<String> nodes, LongFunction<List<String>> otherProject) {
        String p = percent.trim();
        if (!p.contains(";")) {
            return split(nodes, spec(p));
        }
        List<List<String>> batches = new ArrayList<>();
        for (String line : p.split("[\\r\\n]+")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(line.trim());
            if (!m.matches()) {
                throw ApiException.badRequest("percent format error: " + line.trim());
            }
            List<String> pool = new ArrayList<>();
            if (m.group(1).isEmpty()) {
                pool.addAll(nodes);
            } else {
                LinkedHashSet<String> picked = new LinkedHashSet<>();
                for (String id : m.group(1).split(",")) {
                    if (!id.isEmpty()) {
                        for (String n : otherProject.apply(Long.parseLong(id))) {
                            if (nodes.contains(n)) {
                                picked.add(n);
                            }
                        }
                    }
                }
                pool.addAll(picked);
            }
            List<String> chosen = new ArrayList<>();
            for (int pos : positions(m.group(2), pool.size())) {
                if (pos >= 1 && pos <= pool.size() && !chosen.contains(pool.get(pos - 1))) {
                    chosen.add(pool.get(pos - 1));
                }
            }
            batches.addAll(split(chosen, spec(m.group(3))));
        }
        return batches;
    }

    /** 1-based positions: {@code 3}, {@code 1~5}, comma-joined; ranges are cut at {@code size}. */
    static List<Integer> positions(String range, int size) {
        List<Integer> out = new ArrayList<>();
        for (String part : range.split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            int tilde = part.indexOf('~');
            try {
                if (tilde < 0) {
                    out.add(Integer.parseInt(part));
                } else {
                    int from = Integer.parseInt(part.substring(0, tilde));
                    int to = Math.min(Integer.parseInt(part.substring(tilde + 1)), size);
                    for (int i = from; i <= to; i++) {
                        out.add(i);
                    }
                }
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("percent format error: range " + part);
            }
        }
        return out;
    }

    /** The spec's items: a count or a percentage each; empty is {@code [1]}. */
    static List<String> spec(String spec) {
        if (spec.isEmpty()) {
            return List.of("1");
        }
        List<String> items = new ArrayList<>();
        for (String item : spec.split(":", -1)) {
            Matcher m = SPEC_ITEM.matcher(item);
            if (!m.matches() || (m.group(1) != null && Integer.parseInt(m.group(1)) == 0)) {
                throw ApiException.badRequest("percent format error: " + item + " (a count N or a share N%)");
            }
            items.add(item);
        }
        return items;
    }

    private static List<List<String>> split(List<String> nodes, List<String> spec) {
        List<List<String>> batches = new ArrayList<>();
        int total = nodes.size();
        int at = 0;
        for (int i = 0; at < total && batches.size() < MAX_BATCHES; i++) {
            String item = spec.get(Math.min(i, spec.size() - 1));
            int take;
            if (item.endsWith("%")) {
                take = new BigDecimal(item.substring(0, item.length() - 1)).multiply(BigDecimal.valueOf(total))
                        .divide(BigDecimal.valueOf(100)).intValue();
                take = Math.max(take, 1);
            } else {
                take = Integer.parseInt(item);
            }
            int end = Math.min(total, at + take);
            batches.add(new ArrayList<>(nodes.subList(at, end)));
            at = end;
        }
        return batches;
    }

    /** For the map-based callers (tests): the other projects' nodes by id. */
    static LongFunction<List<String>> projects(Map<Long, List<String>> byId) {
        return id -> byId.getOrDefault(id, List.of());
    }
}
