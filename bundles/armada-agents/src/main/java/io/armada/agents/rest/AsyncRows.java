package io.armada.agents.rest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.armada.agents.AgentAnswer;
import io.armada.agents.AgentResponseView;
import io.armada.agents.AsyncRequestView;
import io.armada.core.ApiException;

/** Async requests in Goperation's field names (resultutils.async_request, AsyncRequest.to_dict). */
final class AsyncRows {
    static final String IN_CACHE = ",Data in cache,May miss some respone";

    private AsyncRows() {
    }

    /** The request as an async route answers when it starts it. */
    static Map<String, Object> started(AsyncRequestView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("request_id", v.requestId());
        m.put("request_time", v.requestTime());
        m.put("finishtime", v.finishtime());
        m.put("deadline", v.deadline());
        m.put("expire", v.expire());
        m.put("status", v.status());
        m.put("resultcode", v.resultcode());
        m.put("result", v.result());
        return m;
    }

    /** A row of the request list. */
    static Map<String, Object> row(AsyncRequestView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("request_id", v.requestId());
        m.put("resultcode", v.resultcode());
        m.put("status", v.status());
        m.put("request_time", v.requestTime());
        m.put("finishtime", v.finishtime());
        m.put("deadline", v.deadline());
        m.put("expire", v.expire());
        return m;
    }

    /** GET /asyncrequests/{id}: with the (sic) {@code respones} list. */
    static Map<String, Object> detail(AsyncRequestView v, boolean details) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("request_id", v.requestId());
        m.put("request_time", v.requestTime());
        m.put("finishtime", v.finishtime());
        m.put("deadline", v.deadline());
        m.put("status", v.status());
        m.put("expire", v.expire());
        m.put("resultcode", v.resultcode());
        m.put("result", v.expire() > 0 ? v.result() + IN_CACHE : v.result());
        List<Map<String, Object>> respones = new ArrayList<>();
        for (AgentResponseView r : v.responses()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("agent_id", r.agentId());
            a.put("server_time", r.serverTime());
            a.put("agent_time", r.agentTime());
            a.put("resultcode", r.resultcode());
            a.put("result", r.result());
            List<Map<String, Object>> rows = new ArrayList<>();
            if (details) {
                for (AgentAnswer.Detail d : r.details()) {
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("detail_id", d.detailId());
                    x.put("resultcode", d.resultcode());
                    x.put("result", d.result());
                    rows.add(x);
                }
            }
            a.put("details", rows);
            respones.add(a);
        }
        m.put("respones", respones);
        return m;
    }

    /** A time filter: epoch seconds, or an ISO date-time (Goperation's schema says date-time). */
    static Long time(JsonNode v, String name) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isTextual()) {
            String s = v.asText().trim();
            try {
                return OffsetDateTime.parse(s).toEpochSecond();
            } catch (DateTimeParseException notOffset) {
                try {
                    return LocalDateTime.parse(s.replace(' ', 'T')).atZone(ZoneId.systemDefault()).toEpochSecond();
                } catch (DateTimeParseException notLocal) {
                    try {
                        return Instant.parse(s).getEpochSecond();
                    } catch (DateTimeParseException e) {
                        // answered below
                    }
                }
            }
        }
        throw ApiException.badRequest("json not match error schema: '" + name + "' must be a date-time");
    }
}
