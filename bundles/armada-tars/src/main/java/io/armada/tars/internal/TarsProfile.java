package io.armada.tars.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.armada.core.ApiException;

/**
 * A tars config text (TarsCpp's {@code TC_Config}): nested {@code <domain>} ... {@code </domain>} blocks holding
 * {@code key=value} lines; {@code #} starts a comment line. Parsed to merge templates as TarsFramework does
 * ({@code joinConfig(parent, false)}: what the child lacks is added from the parent, the child's values win) and
 * written back with a tab per level.
 */
final class TarsProfile {
    /** Deepest nesting accepted (a bound on what a client can make us recurse through). */
    static final int MAX_DEPTH = 64;

    /** One domain: its keys in order, then its subdomains in order. */
    static final class Domain {
        final String name;
        final Map<String, String> params = new LinkedHashMap<>();
        final Map<String, Domain> children = new LinkedHashMap<>();

        Domain(String name) {
            this.name = name;
        }
    }

    private TarsProfile() {
    }

    /**
     * Parses a profile.
     *
     * @throws ApiException BAD_REQUEST naming the line of an unbalanced or unnamed tag
     */
    static Domain parse(String text) {
        Domain root = new Domain("");
        List<Domain> open = new ArrayList<>();
        open.add(root);
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Domain here = open.get(open.size() - 1);
            if (line.startsWith("</")) {
                String name = tag(line, 2, i);
                if (open.size() == 1 || !here.name.equals(name)) {
                    throw bad(i, "</" + name + "> closes nothing open");
                }
                open.remove(open.size() - 1);
            } else if (line.startsWith("<") && line.endsWith(">") && line.indexOf('=') < 0) {
                String name = tag(line, 1, i);
                if (open.size() > MAX_DEPTH) {
                    throw bad(i, "domains nested deeper than " + MAX_DEPTH);
                }
                Domain d = here.children.computeIfAbsent(name, Domain::new);
                open.add(d);
            } else {
                int eq = line.indexOf('=');
                String key = eq < 0 ? line : line.substring(0, eq).trim();
                String value = eq < 0 ? "" : line.substring(eq + 1).trim();
                here.params.put(key, value);
            }
        }
        if (open.size() > 1) {
            throw ApiException.badRequest("profile is not a tars config: <" + open.get(open.size() - 1).name
                    + "> is never closed");
        }
        return root;
    }

    private static String tag(String line, int from, int index) {
        String name = line.substring(from, line.length() - 1).trim();
        if (!line.endsWith(">") || name.isEmpty() || name.contains("<") || name.contains(">")) {
            throw bad(index, "a tag without a name");
        }
        return name;
    }

    private static ApiException bad(int index, String what) {
        return ApiException.badRequest("profile is not a tars config: line " + (index + 1) + ": " + what);
    }

    /** Adds to {@code child} what {@code parent} has and it lacks, recursively; the child's values win. */
    static void inherit(Domain child, Domain parent) {
        parent.params.forEach(child.params::putIfAbsent);
        for (Domain p : parent.children.values()) {
            Domain c = child.children.get(p.name);
            if (c == null) {
                child.children.put(p.name, copy(p));
            } else {
                inherit(c, p);
            }
        }
    }

    private static Domain copy(Domain d) {
        Domain c = new Domain(d.name);
        c.params.putAll(d.params);
        d.children.values().forEach(x -> c.children.put(x.name, copy(x)));
        return c;
    }

    /** The text of a parsed profile: params then domains, a tab per level. */
    static String write(Domain root) {
        StringBuilder out = new StringBuilder();
        write(root, -1, out);
        return out.toString();
    }

    private static void write(Domain d, int depth, StringBuilder out) {
        String indent = "\t".repeat(Math.max(depth, 0));
        if (depth >= 0) {
            out.append(indent).append('<').append(d.name).append(">\n");
        }
        String inner = depth >= 0 ? indent + "\t" : "";
        d.params.forEach((k, v) -> out.append(inner).append(k).append('=').append(v).append('\n'));
        for (Domain c : d.children.values()) {
            write(c, depth + 1, out);
        }
        if (depth >= 0) {
            out.append(indent).append("</").append(d.name).append(">\n");
        }
    }
}
