package io.armada.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.osgi.annotation.versioning.ProviderType;

/**
 * HTTP between fleet members (node → server reports, server → node calls), never blocking the caller: JSON bodies
 * written with {@link Json}'s settings and the fleet token on every request. On the server thousands of calls in
 * flight need no thread each; a member that does not answer costs a timed-out future, not a thread. (A node, which
 * sends a few reports, makes its calls one after the other on one thread instead: a smaller JVM.)
 *
 * @since 1.0
 */
@ProviderType
public interface FleetClient {

    /** An answer: HTTP status and body bytes. */
    record Answer(int status, byte[] body) {
        /**
         * The body read as JSON into {@code type}.
         *
         * @throws IllegalArgumentException when the body is not JSON of that shape
         */
        public <T> T json(Class<T> type) {
            try {
                return JSON.readValue(body, type);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("answer is not the expected JSON: " + e.getMessage(), e);
            }
        }

        private static final com.fasterxml.jackson.databind.ObjectMapper JSON = Json.newMapper();
    }

    /**
     * Sends one request without blocking the caller.
     *
     * @param method {@code GET}, {@code POST}, ...
     * @param url absolute http(s) URL of another fleet member
     * @param body an object written as JSON, or {@code null} for no body
     * @param timeout for the whole exchange, connect included
     * @return completes with the answer (any status), or exceptionally on a transport failure or timeout
     */
    CompletableFuture<Answer> send(String method, String url, Object body, Duration timeout);
}
