package io.armada.tars.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.armada.core.ApiException;
import io.armada.core.Params;

/**
 * A TarsWeb request's parameters: the query string merged with the JSON body's fields, the body winning
 * ({@code ctx.paramsObj = merge(query, body)}), so GET parameters may come in a body and POST ones in the query.
 * Values are read with the type a route needs; a query value is text, so a number or a boolean may come as text.
 */
final class TarsParams {
    private final Map<String, JsonNode> values = new LinkedHashMap<>();

    private TarsParams() {
    }

    static TarsParams of(UriInfo uri, JsonNode body) {
        TarsParams p = new TarsParams();
        uri.getQueryParameters().forEach((k, v) -> {
            if (!v.isEmpty() && !k.equals("ticket")) {
                p.values.put(k, TextNode.valueOf(v.get(0)));
            }
        });
        if (body != null && !body.isNull() && !body.isMissingNode()) {
            if (!body.isObject()) {
                throw ApiException.badRequest("the body must be a JSON object of parameters");
            }
            body.fields().forEachRemaining(e -> p.values.put(e.getKey(), e.getValue()));
        }
        return p;
    }

    /** The raw value, {@code null} when absent or JSON null. */
    JsonNode node(String name) {
        JsonNode v = values.get(name);
        return v == null || v.isNull() ? null : v;
    }

    /** Text, or a number as text; {@code null} when absent. */
    String text(String name) {
        JsonNode v = node(name);
        if (v == null) {
            return null;
        }
        if (v.isTextual() || v.isNumber() || v.isBoolean()) {
            return v.asText();
        }
        throw ApiException.badRequest(name + " must be text");
    }

    /** A whole number (JSON or text); {@code null} when absent or empty text. */
    Integer integer(String name) {
        JsonNode v = node(name);
        if (v == null || (v.isTextual() && v.asText().isBlank())) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return v.intValue();
        }
        if (v.isTextual()) {
            try {
                return Integer.valueOf(v.asText().trim());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw ApiException.badRequest(name + " must be an integer");
    }

    int integer(String name, int fallback) {
        Integer v = integer(name);
        return v == null ? fallback : v;
    }

    /** A required positive id. */
    long id(String name) {
        JsonNode v = node(name);
        if (v != null && v.isIntegralNumber()) {
            if (!v.canConvertToLong() || v.longValue() <= 0) {
                throw ApiException.badRequest(name + " must be a positive integer");
            }
            return v.longValue();
        }
        if (v != null && !v.isTextual()) {
            throw ApiException.badRequest(name + " must be an integer");
        }
        return Params.id(v == null ? null : v.asText(), name);
    }

    /** {@code true}/{@code false}, as JSON, text or 1/0; {@code null} when absent. */
    Boolean bool(String name) {
        JsonNode v = node(name);
        if (v == null) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        String t = v.asText().trim();
        return switch (t) {
            case "true", "1", "Y" -> Boolean.TRUE;
            case "false", "0", "N", "" -> Boolean.FALSE;
            default -> throw ApiException.badRequest(name + " must be true or false");
        };
    }

    /** A list of JSON objects; {@code null} when absent. */
    List<TarsParams> objects(String name) {
        JsonNode v = node(name);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            throw ApiException.badRequest(name + " must be a list");
        }
        List<TarsParams> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isObject()) {
                throw ApiException.badRequest(name + " must be a list of objects");
            }
            TarsParams p = new TarsParams();
            item.fields().forEachRemaining(e -> p.values.put(e.getKey(), e.getValue()));
            out.add(p);
        }
        return out;
    }

    /** TarsWeb's page: {@code curr_page} (also {@code cur_page}) and {@code page_size}, 0 when absent. */
    int page() {
        Integer p = integer("curr_page");
        return p != null ? p : integer("cur_page", 0);
    }

    int pageSize() {
        return integer("page_size", 0);
    }
}
