package io.armada.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/**
 * The wire dialects of SPEC §3. A resource picks one with {@link WireDialect}; core's exception mapper and token
 * filter then answer every error of that resource in it. Success bodies are built with {@link Envelopes}.
 *
 * @since 1.0
 */
public enum Dialect {
    /** Armada's own routes (/health, /openapi.json): HTTP status plus {@code {"error": "..."}}. */
    CORE {
        @Override
        public Response error(ApiException e) {
            return json(httpStatus(e.kind()), Map.of("error", message(e)));
        }
    },
    /**
     * Goperation (seed 000): HTTP 4xx/5xx with {@code {"msg": "..."}}; business refusals are HTTP 200 with the
     * success envelope and {@code resultcode} -1 (or the given code).
     */
    GOPERATION {
        @Override
        public Response error(ApiException e) {
            if (e.kind() == ErrorKind.REFUSED) {
                Object data = e.data() == null ? List.of() : e.data();
                List<?> list = data instanceof List<?> l ? l : List.of(data);
                int code = e.code() == null ? -1 : e.code();
                return json(200, new Envelopes.Goperation(code, list.size(), 0, message(e), list));
            }
            return json(httpStatus(e.kind()), Map.of("msg", message(e)));
        }
    },
    /** TarsWeb (seed 002): HTTP 200, {@code {"ret_code":500,"err_msg":"...","data":{}}}. */
    TARS {
        @Override
        public Response error(ApiException e) {
            String msg = e.kind() == ErrorKind.UNAUTHORIZED ? "#common.noLogin#" : message(e);
            int code = e.code() == null ? 500 : e.code();
            return json(200, new Envelopes.Tars(code, msg, e.data() == null ? Map.of() : e.data()));
        }
    },
    /** JOBX (seed 001): HTTP 200, {@code {"stat":false,"info":"..."}}; not logged in {@code {"stat":false,"code":10000}}. */
    JOBX {
        @Override
        public Response error(ApiException e) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("stat", false);
            if (e.kind() == ErrorKind.UNAUTHORIZED) {
                body.put("code", 10000);
            } else {
                if (e.code() != null) {
                    body.put("code", e.code());
                }
                body.put("info", message(e));
            }
            return json(200, body);
        }
    },
    /**
     * yzy_monitor (seed 003): HTTP 200, {@code {"code":N,"msg":"..."}}; 88888 for a bad or missing parameter or an
     * unknown command, 10001 without a valid token, 99999 for our own faults.
     */
    MONITOR {
        @Override
        public Response error(ApiException e) {
            int code = e.code() != null ? e.code() : switch (e.kind()) {
                case UNAUTHORIZED -> MONITOR_NOT_LOGGED_IN;
                case INTERNAL, UNAVAILABLE -> MONITOR_SYSTEM_ERROR;
                case REFUSED -> -1;
                default -> MONITOR_MESSAGE_ERROR;
            };
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("code", code);
            body.put("msg", e.getMessage() == null || e.getMessage().isBlank() ? monitorText(code) : e.getMessage());
            if (e.data() != null) {
                body.put("data", e.data());
            }
            return json(200, body);
        }
    },
    /** Egg panel (seed 004): HTTP 200, {@code {"status":1,"msg":"..."}}. */
    EGG {
        @Override
        public Response error(ApiException e) {
            return json(200, new Envelopes.Egg(e.code() == null ? 1 : e.code(), message(e), e.data()));
        }
    };

    /** Monitor: 报文错误 (bad or missing parameter, unknown command). */
    public static final int MONITOR_MESSAGE_ERROR = 88888;
    /** Monitor: 登录失败 (no or bad token). */
    public static final int MONITOR_NOT_LOGGED_IN = 10001;
    /** Monitor: 系统异常. */
    public static final int MONITOR_SYSTEM_ERROR = 99999;

    /**
     * The error body and HTTP status of this dialect for {@code e}.
     *
     * @param e the refusal; never {@code null}
     * @return a complete JSON response
     */
    public abstract Response error(ApiException e);

    /** The HTTP status that a kind has in the dialects that use HTTP statuses (core, goperation). */
    public static int httpStatus(ErrorKind kind) {
        return switch (kind) {
            case BAD_REQUEST -> 400;
            case UNAUTHORIZED -> 401;
            case NOT_FOUND -> 404;
            case REFUSED -> 200;
            case TOO_LARGE -> 413;
            case NOT_IMPLEMENTED -> 501;
            case UNAVAILABLE -> 503;
            case INTERNAL -> 500;
        };
    }

    /** The text of the monitor's code table for {@code code}. */
    public static String monitorText(int code) {
        return switch (code) {
            case 0 -> "成功";
            case MONITOR_NOT_LOGGED_IN -> "登录失败";
            case MONITOR_MESSAGE_ERROR -> "报文错误，请修正重试";
            case MONITOR_SYSTEM_ERROR -> "系统异常，请稍后重试";
            default -> "未知异常";
        };
    }

    private static String message(ApiException e) {
        String m = e.getMessage();
        if (m != null && !m.isBlank()) {
            return m;
        }
        return switch (e.kind()) {
            case BAD_REQUEST -> "bad request";
            case UNAUTHORIZED -> "not logged in";
            case NOT_FOUND -> "not found";
            case REFUSED -> "refused";
            case TOO_LARGE -> "request body too large";
            case NOT_IMPLEMENTED -> "not implemented";
            case UNAVAILABLE -> "service unavailable";
            case INTERNAL -> "internal server error";
        };
    }

    private static Response json(int status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).entity(body).build();
    }
}
