package io.armada.agents.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.armada.agents.AgentAnswer;
import io.armada.agents.AgentResponseView;
import io.armada.agents.AsyncRequestView;
import io.armada.core.ApiException;
import io.armada.core.Json;

/**
 * The async engine's conversions: request ids as clients send them, answers to the rows the DAO stores (targets and
 * details as JSON text) and rows back to the API's views. It logs as the engine does ({@link AsyncEngine}'s logger).
 */
final class AsyncJson {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncEngine.class);
    private static final Pattern UUID_LIKE = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final ObjectMapper MAPPER = Json.newMapper();

    private AsyncJson() {
    }

    static String requestId(String raw) {
        if (raw == null || !UUID_LIKE.matcher(raw).matches()) {
            throw ApiException.badRequest("Request id is not uuid like");
        }
        return raw.toLowerCase(Locale.ROOT);
    }

    static ResponseRow row(String requestId, long agentId, long agentTime, AgentAnswer answer, long now) {
        String result = answer.result() == null ? "no result message" : answer.result();
        String details = answer.details().isEmpty() ? null : json(answer.details().stream()
                .map(d -> Map.of("detail_id", d.detailId(), "resultcode", d.resultcode(),
                        "result", d.result() == null ? "" : d.result()))
                .toList());
        return new ResponseRow(requestId, agentId, now, agentTime, answer.resultcode(),
                result.length() > 1024 ? result.substring(0, 1024) : result, details);
    }

    static List<AgentAnswer.Detail> details(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            List<Map<String, Object>> rows = MAPPER.readValue(json, new TypeReference<List<Map<String, Object>>>() {
            });
            List<AgentAnswer.Detail> out = new ArrayList<>(rows.size());
            for (Map<String, Object> m : rows) {
                out.add(new AgentAnswer.Detail(((Number) m.getOrDefault("detail_id", 0)).longValue(),
                        ((Number) m.getOrDefault("resultcode", 0)).intValue(), m.get("result")));
            }
            return out;
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warn("Unreadable answer details: {}", e.toString());
            return List.of();
        }
    }

    static List<Long> targets(AsyncRequestRow r) {
        try {
            return MAPPER.readValue(r.targets(), new TypeReference<List<Long>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable targets of request " + r.requestId(), e);
        }
    }

    static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not writable as JSON: " + e.getMessage(), e);
        }
    }

    static AsyncRequestView view(AsyncRequestRow r, List<AgentResponseView> responses) {
        return new AsyncRequestView(r.requestId(), r.action(), r.requestTime(), r.finishtime(), r.deadline(), r.status(),
                r.expire(), r.resultcode(), r.result(), targets(r), responses);
    }
}
