package io.armada.core;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The success bodies of each dialect (SPEC §3), as records that core's JSON provider writes. Resources return
 * these; errors are never built here but thrown as {@link ApiException}.
 *
 * @since 1.0
 */
public final class Envelopes {

    private Envelopes() {
    }

    /**
     * Goperation: {@code {"resultcode":0,"total":N,"pagenum":P,"result":"text","data":[...]}}; {@code data} is always
     * a list.
     */
    @JsonPropertyOrder({"resultcode", "total", "pagenum", "result", "data"})
    public record Goperation(int resultcode, long total, int pagenum, String result, List<?> data) {
        public Goperation {
            data = data == null ? List.of() : data;
        }

        /** Success with the given rows; {@code total} is the number of rows, as in the original. */
        public static Goperation ok(String result, List<?> data) {
            List<?> rows = data == null ? List.of() : data;
            return new Goperation(0, rows.size(), 0, result, rows);
        }

        /** Success with one object, which the original wraps in a one-element list. */
        public static Goperation one(String result, Object item) {
            return ok(result, item == null ? List.of() : List.of(item));
        }

        /** A page of a longer listing. */
        public static Goperation page(String result, List<?> data, long total, int pagenum) {
            return new Goperation(0, total, pagenum, result, data);
        }
    }

    /** TarsWeb: {@code {"ret_code":200,"err_msg":"","data":...}}. */
    @JsonPropertyOrder({"ret_code", "err_msg", "data"})
    public record Tars(@JsonProperty("ret_code") int retCode, @JsonProperty("err_msg") String errMsg, Object data) {
        /** Success; a {@code null} result is answered as {@code {}} as TarsWeb does. */
        public static Tars ok(Object data) {
            return new Tars(200, "", data == null ? Map.of() : data);
        }
    }

    /** JOBX: {@code {"stat":true,"data":...}} with {@code uuid}/{@code info} where the original has them. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"stat", "uuid", "info", "data"})
    public record Jobx(boolean stat, String uuid, String info, Object data) {
        public static Jobx ok(Object data) {
            return new Jobx(true, null, null, data);
        }

        public static Jobx info(String info) {
            return new Jobx(true, null, info, null);
        }

        public static Jobx withUuid(String uuid, Object data) {
            return new Jobx(true, uuid, null, data);
        }
    }

    /** yzy_monitor: {@code {"code":0,"msg":"成功","data":{...}}}; {@code data} only when set. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"code", "msg", "data"})
    public record Monitor(int code, String msg, Object data) {
        public static Monitor ok(Object data) {
            return new Monitor(0, Dialect.monitorText(0), data);
        }

        public static Monitor ok() {
            return ok(null);
        }
    }

    /** Egg panel: {@code {"status":0,"msg":"text","data":...}}; {@code data} only when set. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"status", "msg", "data"})
    public record Egg(int status, String msg, Object data) {
        public static Egg ok(String msg) {
            return new Egg(0, msg, null);
        }

        public static Egg ok(String msg, Object data) {
            return new Egg(0, msg, data);
        }
    }
}
