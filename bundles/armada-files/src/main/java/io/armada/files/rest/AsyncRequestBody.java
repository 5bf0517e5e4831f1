package io.armada.files.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.armada.core.Params;
import io.armada.files.RequestWindow;

/**
 * The JSON body of a per-agent file route: the async request's time window (SPEC §7). Each field may also come as a
 * query parameter; the body wins.
 */
public record AsyncRequestBody(@JsonProperty("request_time") Long requestTime,
        @JsonProperty("finishtime") Long finishtime, @JsonProperty("deadline") Long deadline,
        @JsonProperty("expire") Integer expire) {

    /** The window: the body's values, else the query's. */
    static RequestWindow window(AsyncRequestBody body, String requestTime, String finishtime, String deadline,
            String expire) {
        AsyncRequestBody b = body == null ? new AsyncRequestBody(null, null, null, null) : body;
        return new RequestWindow(
                b.requestTime() != null ? b.requestTime() : Params.optionalLong(requestTime, "request_time"),
                b.finishtime() != null ? b.finishtime() : Params.optionalLong(finishtime, "finishtime"),
                b.deadline() != null ? b.deadline() : Params.optionalLong(deadline, "deadline"),
                b.expire() != null ? b.expire() : Params.optionalInt(expire, "expire"));
    }
}
