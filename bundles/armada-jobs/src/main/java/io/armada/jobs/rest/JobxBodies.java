package io.armada.jobs.rest;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.armada.core.ApiException;
import io.armada.core.Params;

/** Reading JOBX request bodies: JSON objects whose fields are checked with the original's messages. */
final class JobxBodies {

    private JobxBodies() {
    }

    static JsonNode object(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        if (!body.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        return body;
    }

    /** Text or {@code null}; a number is taken as its text; anything else is a format failure. */
    static String text(JsonNode body, String field) {
        JsonNode v = body == null ? null : body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual() || v.isNumber()) {
            return v.asText();
        }
        throw ApiException.badRequest("check format fail " + field);
    }

    static List<String> strings(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (v.isTextual()) {
            for (String s : v.asText().split("[,;\\s]+")) {
                if (!s.isEmpty()) {
                    out.add(s);
                }
            }
            return out;
        }
        if (!v.isArray()) {
            throw ApiException.badRequest("check format fail " + field);
        }
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw ApiException.badRequest("check format fail " + field);
            }
            out.add(item.asText());
        }
        return out;
    }

    static List<JsonNode> list(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw ApiException.badRequest("check format fail " + field);
        }
        List<JsonNode> out = new ArrayList<>();
        v.forEach(out::add);
        return out;
    }

    /** A project id or row id from the path: digits only ({@code ^\d+$} as JOBX). */
    static long id(String value, String field) {
        if (value == null || !value.matches("\\d{1,18}")) {
            throw ApiException.badRequest("check format fail " + field);
        }
        return Params.id(value, field);
    }
}
