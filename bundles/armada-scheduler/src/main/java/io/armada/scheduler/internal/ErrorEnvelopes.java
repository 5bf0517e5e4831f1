package io.armada.scheduler.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Whether a 2xx answer of an Armada route is an error all the same, in any of the dialects (SPEC §3): goperation
 * {@code resultcode} not 0, tars {@code ret_code} not 200, jobx {@code stat} false, monitor {@code code} not 0, egg
 * {@code status} not 0.
 */
final class ErrorEnvelopes {
    private ErrorEnvelopes() {
    }

    /**
     * @param body the answer's JSON, may be {@code null} (not JSON)
     * @return the error's message, or {@code null} when the answer is no error envelope
     */
    static String error(JsonNode body) {
        if (body == null || !body.isObject()) {
            return null;
        }
        if (body.path("resultcode").isInt() && body.get("resultcode").asInt() != 0) {
            return "resultcode " + body.get("resultcode").asInt() + ": " + body.path("result").asText("");
        }
        if (body.path("ret_code").isInt() && body.get("ret_code").asInt() != 200 && body.get("ret_code").asInt() != 0) {
            return "ret_code " + body.get("ret_code").asInt() + ": " + body.path("err_msg").asText("");
        }
        if (body.path("stat").isBoolean() && !body.get("stat").asBoolean()) {
            return "stat false: " + body.path("info").asText(body.path("code").asText(""));
        }
        if (body.has("msg") && body.path("code").isInt() && body.get("code").asInt() != 0) {
            return "code " + body.get("code").asInt() + ": " + body.path("msg").asText("");
        }
        if (body.has("msg") && body.path("status").isInt() && body.get("status").asInt() != 0) {
            return "status " + body.get("status").asInt() + ": " + body.path("msg").asText("");
        }
        return null;
    }
}
