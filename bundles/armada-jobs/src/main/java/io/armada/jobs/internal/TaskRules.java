package io.armada.jobs.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.armada.core.ApiException;

/** The checks of a new task's input (JOBX's, reference §001.4 and §001.5), plain and unit-testable. */
final class TaskRules {
    static final int MAX_VARIABLE = 65_536;

    private TaskRules() {
    }

    /** {@code jobname}/{@code group}: required, no quote (JOBX's check). */
    static String named(String value, String field, String prefix) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field + " undef");
        }
        if (value.contains("'") || value.length() > 128) {
            throw ApiException.badRequest(prefix + field);
        }
        return value.trim();
    }

    static JsonNode variable(JsonNode v, String message) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!v.isObject()) {
            throw ApiException.badRequest(message);
        }
        if (v.toString().length() > MAX_VARIABLE) {
            throw ApiException.badRequest("variable: at most " + MAX_VARIABLE + " characters");
        }
        return v;
    }
}
