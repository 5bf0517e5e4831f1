package io.armada.monitor.rest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.armada.core.ApiException;
import io.armada.core.ArmadaJaxrs;
import io.armada.core.ErrorKind;
import io.armada.core.Json;

/**
 * The JSON body of a GET route ({@code port_status}, {@code resource_statis}), read by the route itself: a GET
 * often comes without a Content-Type, so the body arrives as a stream, and it gets the same 1 MiB limit and
 * strictness as every body core's JSON reader reads.
 */
final class GetBody {
    private static final ObjectMapper JSON = Json.newMapper();

    private GetBody() {
    }

    /**
     * A JSON body of a GET, with the same limit ({@link ArmadaJaxrs#MAX_JSON_BYTES}: a declared length over it is
     * refused before a byte is read, and no more than it is ever read) and strictness as core's reader; none is null.
     */
    static <T> T read(InputStream body, String contentLength, Class<T> type) {
        long limit = ArmadaJaxrs.MAX_JSON_BYTES;
        if (contentLength != null) {
            try {
                if (Long.parseLong(contentLength.trim()) > limit) {
                    throw tooLarge(limit);
                }
            } catch (NumberFormatException ignored) {
                // the container refuses a malformed Content-Length itself; the bounded read still holds
            }
        }
        if (body == null) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = body.readNBytes((int) limit + 1);
        } catch (IOException e) {
            throw ApiException.badRequest("could not read the request body");
        }
        if (bytes.length > limit) {
            throw tooLarge(limit);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return null;
        }
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(Json.describe(e));
        }
    }

    private static ApiException tooLarge(long limit) {
        return new ApiException(ErrorKind.TOO_LARGE, "request body over the limit of " + limit + " bytes");
    }
}
