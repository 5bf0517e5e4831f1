package io.armada.jobs.internal.jpa;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.armada.core.Json;

/** Lists kept as JSON text in a column. */
final class JsonText {
    private static final ObjectMapper JSON = Json.newMapper();

    private JsonText() {
    }

    static String of(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static List<String> strings(String text) {
        try {
            return JSON.readValue(text, new TypeReference<List<String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored list is not JSON", e);
        }
    }

    static List<JsonNode> nodes(String text) {
        try {
            return JSON.readValue(text, new TypeReference<List<JsonNode>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored list is not JSON", e);
        }
    }

    static JsonNode node(String text) {
        try {
            return text == null || text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored value is not JSON", e);
        }
    }
}
