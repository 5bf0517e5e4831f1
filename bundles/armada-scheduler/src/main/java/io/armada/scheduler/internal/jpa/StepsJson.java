package io.armada.scheduler.internal.jpa;

import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.armada.core.Json;
import io.armada.scheduler.Step;
import io.armada.scheduler.StepResult;

/** The JSON columns: a job's steps, a run's step results. */
final class StepsJson {
    private static final ObjectMapper JSON = Json.newMapper();

    private StepsJson() {
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    static List<Step> readSteps(String json) {
        return read(json, new TypeReference<List<Step>>() { });
    }

    static List<StepResult> readResults(String json) {
        return read(json, new TypeReference<List<StepResult>>() { });
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored JSON does not read back: " + e.getMessage(), e);
        }
    }
}
