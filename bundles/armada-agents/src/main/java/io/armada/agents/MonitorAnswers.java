package io.armada.agents;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.armada.core.FleetClient;
import io.armada.core.Json;

/**
 * A node's monitor answer ({@code {code, msg, data}}, seed 003) as an agent's answer to an async request: what every
 * area that sends nodes a monitor call through {@link AsyncRequests} needs (status, files, scheduler, jobs).
 *
 * @since 2.1
 */
public final class MonitorAnswers {
    private static final ObjectMapper JSON = Json.newMapper();

    private MonitorAnswers() {
    }

    /**
     * The agent's answer: 0 with the node's {@code data} as one detail row when the node answered code 0, else -1 with
     * why (an HTTP status other than 200, a body that is not a JSON object, the node's own code and message).
     *
     * @param answer the node's HTTP answer
     * @param ok the result text of a success; {@code null}: the node's {@code msg}
     * @return the answer to record
     * @since 2.1
     */
    public static AgentAnswer of(FleetClient.Answer answer, String ok) {
        if (answer.status() != 200) {
            return new AgentAnswer(-1, "node answered HTTP " + answer.status(), List.of());
        }
        JsonNode body;
        try {
            body = JSON.readTree(answer.body());
        } catch (java.io.IOException | RuntimeException e) {
            return new AgentAnswer(-1, "node answer is not JSON: "
                    + new String(answer.body(), 0, Math.min(answer.body().length, 100), StandardCharsets.UTF_8),
                    List.of());
        }
        if (body == null || !body.isObject()) {
            return new AgentAnswer(-1, "node answer is not a JSON object", List.of());
        }
        int code = body.path("code").asInt(-1);
        String msg = body.path("msg").asText("");
        if (code != 0) {
            return new AgentAnswer(-1, "node refused with code " + code + ": " + msg, List.of());
        }
        Object data = JSON.convertValue(body.path("data"), Object.class);
        return new AgentAnswer(0, ok == null ? msg : ok,
                List.of(new AgentAnswer.Detail(0, 0, data == null ? Map.of() : data)));
    }
}
