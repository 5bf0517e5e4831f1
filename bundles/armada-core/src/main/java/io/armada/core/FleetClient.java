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

    /**
     * What {@link #fetch} got.
     *
     * @param status the HTTP status
     * @param bytes how many body bytes were written to the sink (0 unless the status is 200)
     * @since 1.2
     */
    record Fetched(int status, long bytes) {
    }

    /**
     * Streams the body of a {@code GET} into {@code sink} on the calling thread, for bodies too large for
     * {@link #send} (a file a node downloads): nothing is held in memory but a buffer. No redirect is followed; the
     * trust over https is the fleet's ({@code trust_ca}).
     *
     * @param url absolute http(s) URL
     * @param withToken send the fleet token: only to a fleet member, never to a third party's address
     * @param timeout for the whole exchange, body included
     * @param maxBytes a body (or an announced length) larger than this fails the call
     * @param sink where the body goes; written only when the status is 200, not closed here
     * @return the status and how many bytes were written
     * @throws java.io.IOException on a transport failure, the timeout, or more than {@code maxBytes}; the sink may
     *         have part of the body then
     * @since 1.2
     */
    default Fetched fetch(String url, boolean withToken, Duration timeout, long maxBytes, java.io.OutputStream sink)
            throws java.io.IOException {
        throw new UnsupportedOperationException("this fleet client does not stream downloads");
    }
}
