package io.armada.jobs.internal;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A job step as a node gets it: every {@code ${name}} in a text value replaced by the task's variable {@code name}
 * (a text as it is, another value as its JSON), {@code ${ip}} by the node's IP; a placeholder with no variable is left
 * as it is. The step's own {@code timeout} (seconds) is the server's business and is not sent.
 */
public final class StepBodies {
    static final int MAX_TIMEOUT = 86_400;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)}");

    private StepBodies() {
    }

    /** The task's variables as texts. */
    static Map<String, String> variables(JsonNode variable) {
        Map<String, String> out = new HashMap<>();
        if (variable != null && variable.isObject()) {
            variable.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isValueNode()
                    ? e.getValue().asText() : e.getValue().toString()));
        }
        return out;
    }

    /** The body for one node. */
    static JsonNode render(JsonNode step, Map<String, String> variables, String ip) {
        Map<String, String> vars = new HashMap<>(variables);
        vars.put("ip", ip);
        JsonNode copy = step.deepCopy();
        if (copy instanceof ObjectNode o) {
            o.remove("timeout");
        }
        return replace(copy, vars);
    }

    private static JsonNode replace(JsonNode n, Map<String, String> vars) {
        if (n.isTextual()) {
            return TextNode.valueOf(text(n.asText(), vars));
        }
        if (n instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            Map<String, JsonNode> changed = new HashMap<>();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                changed.put(e.getKey(), replace(e.getValue(), vars));
            }
            changed.forEach(o::set);
            return o;
        }
        if (n instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, replace(a.get(i), vars));
            }
            return a;
        }
        return n;
    }

    static String text(String s, Map<String, String> vars) {
        Matcher m = PLACEHOLDER.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = vars.get(m.group(1));
            m.appendReplacement(b, Matcher.quoteReplacement(v == null ? m.group() : v));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** The step's {@code timeout} (1..86400 seconds) or the default. */
    static int timeout(JsonNode step, int fallback) {
        JsonNode t = step.get("timeout");
        if (t != null && t.canConvertToInt() && t.asInt() >= 1 && t.asInt() <= MAX_TIMEOUT) {
            return t.asInt();
        }
        return fallback;
    }
}
