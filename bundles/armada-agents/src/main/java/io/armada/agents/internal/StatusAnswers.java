package io.armada.agents.internal;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.armada.agents.AgentAnswer;
import io.armada.core.FleetClient;
import io.armada.core.Json;

/** Turns a node's answer to {@code POST /api/v1/monitor/resource} into the agent's answer of a status request. */
final class StatusAnswers {
    static final String PATH = "/api/v1/monitor/resource";
    static final String OK = "Get agent status success";
    private static final ObjectMapper MAPPER = Json.newMapper();

    private StatusAnswers() {
    }

    static AgentAnswer fromMonitor(FleetClient.Answer answer) {
        if (answer.status() != 200) {
            return new AgentAnswer(-1, "node answered HTTP " + answer.status(), List.of());
        }
        JsonNode body;
        try {
            body = MAPPER.readTree(answer.body());
        } catch (java.io.IOException | RuntimeException e) {
            return new AgentAnswer(-1, "node answer is not JSON", List.of());
        }
        if (body == null || !body.isObject()) {
            return new AgentAnswer(-1, "node answer is not a JSON object", List.of());
        }
        int code = body.path("code").asInt(-1);
        if (code != 0) {
            return new AgentAnswer(-1, "node refused with code " + code + ": " + body.path("msg").asText(""),
                    List.of());
        }
        Object data = MAPPER.convertValue(body.path("data"), Object.class);
        return new AgentAnswer(0, OK, List.of(new AgentAnswer.Detail(0, 0, data == null ? Map.of() : data)));
    }
}
